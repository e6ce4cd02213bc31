import { type Vehicle, VehicleStatusSchema } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { useFleetRefresh } from './fleet-data.ts';
import {
  checkNewVehicle,
  checkVehicleEdit,
  invalidFromApi,
  MANUAL_STATUSES,
  type VehicleForm,
  vehicleForm,
} from './fleet-forms.ts';
import { Field, FleetDialog, FleetForm } from './fleet-ui.tsx';

/** Adds a vehicle, or edits one (`vehicle`): plate, VIN, model in both languages, manual status. */
export function VehicleDialog({
  vehicle,
  onClose,
}: {
  vehicle: Vehicle | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('fleet');
  const refresh = useFleetRefresh();
  const [form, setForm] = useState<VehicleForm>(() => vehicleForm(vehicle));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.vehicles.create.mutationOptions(done));
  const update = useMutation(trpc.vehicles.update.mutationOptions(done));
  const failed = create.error ?? update.error;
  const apiInvalid = failed ? invalidFromApi(fieldErrors(failed)) : {};
  const shown = { ...apiInvalid, ...invalid };
  const submit = () => {
    if (vehicle) {
      const checked = checkVehicleEdit(vehicle.id, form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) update.mutate(checked.input);
    } else {
      const checked = checkNewVehicle(form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) create.mutate(checked.input);
    }
  };
  const text =
    (key: Exclude<keyof VehicleForm, 'status'>) =>
    (id: string, bad: boolean, describedBy?: string) => (
      <input
        id={id}
        name={key}
        value={form[key]}
        aria-invalid={bad || undefined}
        aria-describedby={describedBy}
        onChange={(event) => setForm((old) => ({ ...old, [key]: event.target.value }))}
      />
    );
  return (
    <FleetDialog
      title={
        vehicle ? t('vehicleDialog.edit', { plate: vehicle.plate }) : t('vehicleDialog.create')
      }
      onClose={onClose}
      testId="vehicle-dialog"
    >
      <FleetForm
        onSubmit={submit}
        onClose={onClose}
        error={failed && Object.keys(apiInvalid).length === 0 ? failed : null}
        isPending={create.isPending || update.isPending}
      >
        <Field label={t('field.plate')} invalid={shown.plate} render={text('plate')} />
        <Field label={t('field.vin')} invalid={shown.vin} render={text('vin')} />
        <Field label={t('field.model')} invalid={shown.model} render={text('model')} />
        <Field label={t('field.modelZh')} invalid={shown.modelZh} render={text('modelZh')} />
        <Field
          label={t('field.status')}
          invalid={shown.status}
          render={(id) => (
            <select
              id={id}
              name="status"
              value={form.status}
              onChange={(event) =>
                setForm((old) => ({
                  ...old,
                  status: VehicleStatusSchema.parse(event.target.value),
                }))
              }
            >
              {MANUAL_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`manualStatus.${status}`)}
                </option>
              ))}
            </select>
          )}
        />
      </FleetForm>
    </FleetDialog>
  );
}
