import type { Shift } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { useDrivers, useFleetRefresh, useVehicles } from './fleet-data.ts';
import {
  checkNewShift,
  checkShiftEdit,
  invalidFromApi,
  type ShiftForm,
  shiftForm,
} from './fleet-forms.ts';
import { Field, FleetDialog, FleetForm } from './fleet-ui.tsx';

/**
 * Plans a shift (driver, vehicle, start, end in the browser's time zone) or edits one; the
 * api refuses one overlapping another of the driver or the vehicle, naming it.
 */
export function ShiftDialog({
  shift,
  day,
  onClose,
}: {
  shift: Shift | null;
  day: string;
  onClose: () => void;
}) {
  const { t } = useTranslation('fleet');
  const refresh = useFleetRefresh();
  const drivers = useDrivers();
  const vehicles = useVehicles();
  const [form, setForm] = useState<ShiftForm>(() => shiftForm(shift, day));
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.shifts.create.mutationOptions(done));
  const update = useMutation(trpc.shifts.update.mutationOptions(done));
  const failed = create.error ?? update.error;
  const apiInvalid = failed ? invalidFromApi(fieldErrors(failed)) : {};
  const shown = { ...apiInvalid, ...invalid };
  const submit = () => {
    if (shift) {
      const checked = checkShiftEdit(shift.id, form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) update.mutate(checked.input);
    } else {
      const checked = checkNewShift(form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) create.mutate(checked.input);
    }
  };
  const set = (key: keyof ShiftForm, value: string) => setForm((old) => ({ ...old, [key]: value }));
  const time = (key: 'startsAt' | 'endsAt') => (id: string, bad: boolean, describedBy?: string) => (
    <input
      id={id}
      name={key}
      type="datetime-local"
      value={form[key]}
      aria-invalid={bad || undefined}
      aria-describedby={describedBy}
      onChange={(event) => set(key, event.target.value)}
    />
  );
  return (
    <FleetDialog
      title={shift ? t('shiftDialog.edit', { driver: shift.driver.name }) : t('shiftDialog.create')}
      onClose={onClose}
      testId="shift-dialog"
    >
      <FleetForm
        onSubmit={submit}
        onClose={onClose}
        error={failed && Object.keys(apiInvalid).length === 0 ? failed : null}
        isPending={create.isPending || update.isPending}
      >
        {shift ? null : (
          <Field
            label={t('field.driverId')}
            invalid={shown.driverId}
            render={(id, bad, describedBy) => (
              <select
                id={id}
                name="driverId"
                value={form.driverId}
                aria-invalid={bad || undefined}
                aria-describedby={describedBy}
                onChange={(event) => set('driverId', event.target.value)}
              >
                <option value="">{t('chooseDriver')}</option>
                {(drivers.data ?? []).map((driver) => (
                  <option key={driver.id} value={driver.id}>
                    {driver.name}
                  </option>
                ))}
              </select>
            )}
          />
        )}
        <Field
          label={t('field.vehicleId')}
          invalid={shown.vehicleId}
          render={(id, bad, describedBy) => (
            <select
              id={id}
              name="vehicleId"
              value={form.vehicleId}
              aria-invalid={bad || undefined}
              aria-describedby={describedBy}
              onChange={(event) => set('vehicleId', event.target.value)}
            >
              <option value="">{t('anyVehicle')}</option>
              {(vehicles.data ?? []).map((vehicle) => (
                <option key={vehicle.id} value={vehicle.id}>
                  {vehicle.plate}
                </option>
              ))}
            </select>
          )}
        />
        <Field label={t('field.startsAt')} invalid={shown.startsAt} render={time('startsAt')} />
        <Field label={t('field.endsAt')} invalid={shown.endsAt} render={time('endsAt')} />
      </FleetForm>
    </FleetDialog>
  );
}
