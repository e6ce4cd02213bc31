import type { Device } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { useFleetRefresh, useVehicles } from './fleet-data.ts';
import { checkNewTerminal, checkTerminalEdit, type TerminalForm } from './fleet-forms.ts';
import { Field, FleetFormDialog } from './fleet-ui.tsx';
import { useFleetForm } from './use-fleet-form.tsx';

/**
 * Adds a JT/T 808 terminal by its phone (open to its first registration), or fits one
 * (`device`) to another vehicle; a vehicle carries one terminal.
 */
export function TerminalDialog({
  device,
  onClose,
}: {
  device: Device | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('fleet');
  const refresh = useFleetRefresh();
  const vehicles = useVehicles();
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.devices.create.mutationOptions(done));
  const update = useMutation(trpc.devices.update.mutationOptions(done));
  const { form, shown, send, text, select, calls } = useFleetForm<TerminalForm>(
    () => ({ terminalPhone: device?.terminalPhone ?? '', vehicleId: device?.vehicle?.id ?? '' }),
    [create, update],
  );
  const submit = () =>
    device
      ? send(checkTerminalEdit(device.id, form), update.mutate)
      : send(checkNewTerminal(form), create.mutate);
  // Vehicles without a terminal, and the one this terminal is on.
  const free = (vehicles.data ?? []).filter(
    (vehicle) => !vehicle.terminalPhone || vehicle.id === device?.vehicle?.id,
  );
  return (
    <FleetFormDialog
      title={
        device
          ? t('terminalDialog.edit', { phone: device.terminalPhone })
          : t('terminalDialog.create')
      }
      testId="terminal-dialog"
      onSubmit={submit}
      onClose={onClose}
      {...calls}
    >
      {device ? null : (
        <Field
          label={t('field.terminalPhone')}
          invalid={shown.terminalPhone}
          render={text('terminalPhone', { inputMode: 'numeric' })}
        />
      )}
      <Field
        label={t('field.vehicleId')}
        invalid={shown.vehicleId}
        render={select(
          'vehicleId',
          <>
            <option value="">{t('noVehicle')}</option>
            {free.map((vehicle) => (
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
