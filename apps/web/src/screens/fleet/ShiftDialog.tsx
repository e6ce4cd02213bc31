import type { Shift } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { useDrivers, useFleetRefresh, useVehicles } from './fleet-data.ts';
import { checkNewShift, checkShiftEdit, shiftForm } from './fleet-forms.ts';
import { Field, FleetFormDialog } from './fleet-ui.tsx';
import { useFleetForm } from './use-fleet-form.tsx';

const TIME = { type: 'datetime-local' } as const;

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
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.shifts.create.mutationOptions(done));
  const update = useMutation(trpc.shifts.update.mutationOptions(done));
  const { form, shown, send, text, select, calls } = useFleetForm(
    () => shiftForm(shift, day),
    [create, update],
  );
  const submit = () =>
    shift
      ? send(checkShiftEdit(shift.id, form), update.mutate)
      : send(checkNewShift(form), create.mutate);
  return (
    <FleetFormDialog
      title={shift ? t('shiftDialog.edit', { driver: shift.driver.name }) : t('shiftDialog.create')}
      testId="shift-dialog"
      onSubmit={submit}
      onClose={onClose}
      {...calls}
    >
      {shift ? null : (
        <Field
          label={t('field.driverId')}
          invalid={shown.driverId}
          render={select(
            'driverId',
            <>
              <option value="">{t('chooseDriver')}</option>
              {(drivers.data ?? []).map((driver) => (
                <option key={driver.id} value={driver.id}>
                  {driver.name}
                </option>
              ))}
            </>,
          )}
        />
      )}
      <Field
        label={t('field.vehicleId')}
        invalid={shown.vehicleId}
        render={select(
          'vehicleId',
          <>
            <option value="">{t('anyVehicle')}</option>
            {(vehicles.data ?? []).map((vehicle) => (
              <option key={vehicle.id} value={vehicle.id}>
                {vehicle.plate}
              </option>
            ))}
          </>,
        )}
      />
      <Field label={t('field.startsAt')} invalid={shown.startsAt} render={text('startsAt', TIME)} />
      <Field label={t('field.endsAt')} invalid={shown.endsAt} render={text('endsAt', TIME)} />
    </FleetFormDialog>
  );
}
