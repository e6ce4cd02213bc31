import type { Driver } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { useFleetRefresh, useVehicles } from './fleet-data.ts';
import {
  checkDriverEdit,
  checkNewDriver,
  type DriverForm,
  driverForm,
  invalidFromApi,
} from './fleet-forms.ts';
import { Field, FleetDialog, FleetForm } from './fleet-ui.tsx';

/** Adds a driver, or edits one: name, phone, licence number and the vehicle they drive. */
export function DriverDialog({ driver, onClose }: { driver: Driver | null; onClose: () => void }) {
  const { t } = useTranslation('fleet');
  const refresh = useFleetRefresh();
  const vehicles = useVehicles();
  const [form, setForm] = useState<DriverForm>(() => driverForm(driver));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.drivers.create.mutationOptions(done));
  const update = useMutation(trpc.drivers.update.mutationOptions(done));
  const failed = create.error ?? update.error;
  const apiInvalid = failed ? invalidFromApi(fieldErrors(failed)) : {};
  const shown = { ...apiInvalid, ...invalid };
  const submit = () => {
    if (driver) {
      const checked = checkDriverEdit(driver.id, form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) update.mutate(checked.input);
    } else {
      const checked = checkNewDriver(form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) create.mutate(checked.input);
    }
  };
  const text =
    (key: Exclude<keyof DriverForm, 'currentVehicleId'>, type = 'text') =>
    (id: string, bad: boolean, describedBy?: string) => (
      <input
        id={id}
        name={key}
        type={type}
        value={form[key]}
        aria-invalid={bad || undefined}
        aria-describedby={describedBy}
        onChange={(event) => setForm((old) => ({ ...old, [key]: event.target.value }))}
      />
    );
  return (
    <FleetDialog
      title={driver ? t('driverDialog.edit', { name: driver.name }) : t('driverDialog.create')}
      onClose={onClose}
      testId="driver-dialog"
    >
      <FleetForm
        onSubmit={submit}
        onClose={onClose}
        error={failed && Object.keys(apiInvalid).length === 0 ? failed : null}
        isPending={create.isPending || update.isPending}
      >
        <Field label={t('field.name')} invalid={shown.name} render={text('name')} />
        <Field label={t('field.phone')} invalid={shown.phone} render={text('phone', 'tel')} />
        <Field
          label={t('field.licenseNumber')}
          invalid={shown.licenseNumber}
          render={text('licenseNumber')}
        />
        <Field
          label={t('field.currentVehicleId')}
          invalid={shown.currentVehicleId}
          render={(id, bad, describedBy) => (
            <select
              id={id}
              name="currentVehicleId"
              value={form.currentVehicleId}
              aria-invalid={bad || undefined}
              aria-describedby={describedBy}
              onChange={(event) =>
                setForm((old) => ({ ...old, currentVehicleId: event.target.value }))
              }
            >
              <option value="">{t('noVehicle')}</option>
              {(vehicles.data ?? []).map((vehicle) => (
                <option key={vehicle.id} value={vehicle.id}>
                  {vehicle.plate}
                </option>
              ))}
            </select>
          )}
        />
      </FleetForm>
    </FleetDialog>
  );
}
