import type { Device } from '@harbor/shared';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, trpc } from '../../trpc.ts';
import { useFleetRefresh, useVehicles } from './fleet-data.ts';
import {
  checkNewTerminal,
  checkTerminalEdit,
  invalidFromApi,
  type TerminalForm,
} from './fleet-forms.ts';
import { Field, FleetDialog, FleetForm } from './fleet-ui.tsx';

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
  const [form, setForm] = useState<TerminalForm>({
    terminalPhone: device?.terminalPhone ?? '',
    vehicleId: device?.vehicle?.id ?? '',
  });
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const done = { onSuccess: () => void refresh().then(onClose) };
  const create = useMutation(trpc.devices.create.mutationOptions(done));
  const update = useMutation(trpc.devices.update.mutationOptions(done));
  const failed = create.error ?? update.error;
  const apiInvalid = failed ? invalidFromApi(fieldErrors(failed)) : {};
  const shown = { ...apiInvalid, ...invalid };
  const submit = () => {
    if (device) {
      const checked = checkTerminalEdit(device.id, form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) update.mutate(checked.input);
    } else {
      const checked = checkNewTerminal(form);
      setInvalid(checked.ok ? {} : checked.invalid);
      if (checked.ok) create.mutate(checked.input);
    }
  };
  // Vehicles without a terminal, and the one this terminal is on.
  const free = (vehicles.data ?? []).filter(
    (vehicle) => !vehicle.terminalPhone || vehicle.id === device?.vehicle?.id,
  );
  return (
    <FleetDialog
      title={
        device
          ? t('terminalDialog.edit', { phone: device.terminalPhone })
          : t('terminalDialog.create')
      }
      onClose={onClose}
      testId="terminal-dialog"
    >
      <FleetForm
        onSubmit={submit}
        onClose={onClose}
        error={failed && Object.keys(apiInvalid).length === 0 ? failed : null}
        isPending={create.isPending || update.isPending}
      >
        {device ? null : (
          <Field
            label={t('field.terminalPhone')}
            invalid={shown.terminalPhone}
            render={(id, bad, describedBy) => (
              <input
                id={id}
                name="terminalPhone"
                inputMode="numeric"
                value={form.terminalPhone}
                aria-invalid={bad || undefined}
                aria-describedby={describedBy}
                onChange={(event) =>
                  setForm((old) => ({ ...old, terminalPhone: event.target.value }))
                }
              />
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
              onChange={(event) => setForm((old) => ({ ...old, vehicleId: event.target.value }))}
            >
              <option value="">{t('noVehicle')}</option>
              {free.map((vehicle) => (
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
