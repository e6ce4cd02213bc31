import { type Vehicle, VehicleStatusSchema } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { useFleetRefresh } from './fleet-data.ts';
import { checkNewVehicle, checkVehicleEdit, MANUAL_STATUSES, vehicleForm } from './fleet-forms.ts';
import { Field, FleetFormDialog } from './fleet-ui.tsx';
import { useFleetForm } from './use-fleet-form.tsx';

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
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.vehicles.create.mutationOptions(done));
  const update = useMutation(trpc.vehicles.update.mutationOptions(done));
  const { form, set, shown, send, text, calls } = useFleetForm(
    () => vehicleForm(vehicle),
    [create, update],
  );
  const submit = () =>
    vehicle
      ? send(checkVehicleEdit(vehicle.id, form), update.mutate)
      : send(checkNewVehicle(form), create.mutate);
  return (
    <FleetFormDialog
      title={
        vehicle ? t('vehicleDialog.edit', { plate: vehicle.plate }) : t('vehicleDialog.create')
      }
      testId="vehicle-dialog"
      onSubmit={submit}
      onClose={onClose}
      {...calls}
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
            onChange={(event) => set('status', VehicleStatusSchema.parse(event.target.value))}
          >
            {MANUAL_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`manualStatus.${status}`)}
              </option>
            ))}
          </select>
        )}
      />
    </FleetFormDialog>
  );
}
