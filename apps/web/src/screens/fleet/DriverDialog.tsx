import type { Driver } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { useFleetRefresh, useVehicles } from './fleet-data.ts';
import { checkDriverEdit, checkNewDriver, driverForm } from './fleet-forms.ts';
import { Field, FleetFormDialog } from './fleet-ui.tsx';
import { useFleetForm } from './use-fleet-form.tsx';

/** Adds a driver, or edits one: name, phone, licence number and the vehicle they drive. */
export function DriverDialog({ driver, onClose }: { driver: Driver | null; onClose: () => void }) {
  const { t } = useTranslation('fleet');
  const refresh = useFleetRefresh();
  const vehicles = useVehicles();
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.drivers.create.mutationOptions(done));
  const update = useMutation(trpc.drivers.update.mutationOptions(done));
  const { form, shown, send, text, select, calls } = useFleetForm(
    () => driverForm(driver),
    [create, update],
  );
  const submit = () =>
    driver
      ? send(checkDriverEdit(driver.id, form), update.mutate)
      : send(checkNewDriver(form), create.mutate);
  return (
    <FleetFormDialog
      title={driver ? t('driverDialog.edit', { name: driver.name }) : t('driverDialog.create')}
      testId="driver-dialog"
      onSubmit={submit}
      onClose={onClose}
      {...calls}
    >
      <Field label={t('field.name')} invalid={shown.name} render={text('name', { type: 'text' })} />
      <Field
        label={t('field.phone')}
        invalid={shown.phone}
        render={text('phone', { type: 'tel' })}
      />
      <Field
        label={t('field.licenseNumber')}
        invalid={shown.licenseNumber}
        render={text('licenseNumber', { type: 'text' })}
      />
      <Field
        label={t('field.currentVehicleId')}
        invalid={shown.currentVehicleId}
        render={select(
          'currentVehicleId',
          <>
            <option value="">{t('noVehicle')}</option>
            {(vehicles.data ?? []).map((vehicle) => (
              <option key={vehicle.id} value={vehicle.id}>
                {vehicle.plate}
              </option>
            ))}
          </>,
        )}
      />
    </FleetFormDialog>
  );
}
