import type { DispatchJob } from '@harbor/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { Dialog } from './Dialog.tsx';

/** Trucks ranked by road ETA to the job's pickup, each with a button that assigns it. */
export function AssignDialog({
  job,
  onAssigned,
  onClose,
}: {
  job: DispatchJob;
  onAssigned: (job: DispatchJob) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('dispatch');
  const [driverId, setDriverId] = useState('');
  const suggestions = useQuery(trpc.dispatch.suggest.queryOptions({ jobId: job.id, limit: 10 }));
  const drivers = useQuery(trpc.drivers.list.queryOptions({ limit: 500 }));
  const assign = useMutation(
    trpc.dispatch.assign.mutationOptions({
      onSuccess: (assigned) => {
        onAssigned(assigned);
        onClose();
      },
    }),
  );
  const assignTo = (vehicleId: string) =>
    assign.mutate({
      id: job.id,
      vehicleId,
      // Unless another is chosen, the driver who drives that truck now goes with it.
      driverId:
        driverId ||
        drivers.data?.items.find((driver) => driver.currentVehicle?.id === vehicleId)?.id,
    });
  return (
    <Dialog
      title={t('suggest.title', { reference: job.reference })}
      onClose={onClose}
      testId="suggestions"
    >
      <label className="dispatch-field">
        {t('suggest.driver')}
        <select value={driverId} onChange={(event) => setDriverId(event.target.value)}>
          <option value="">{t('suggest.truckDriver')}</option>
          {(drivers.data?.items ?? []).map((driver) => (
            <option key={driver.id} value={driver.id}>
              {driver.name}
              {driver.currentVehicle ? ` (${driver.currentVehicle.plate})` : ''}
            </option>
          ))}
        </select>
      </label>
      {suggestions.isPending ? <Loading /> : null}
      {suggestions.error ? (
        <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : null}
      {suggestions.data?.length === 0 ? <p className="state">{t('suggest.none')}</p> : null}
      <ul className="dispatch-suggestions">
        {(suggestions.data ?? []).map((truck) => (
          <li key={truck.vehicleId}>
            <div>
              <strong>{truck.plate}</strong> ·{' '}
              {t('suggest.eta', { minutes: Math.round(truck.etaMinutes) })} ·{' '}
              {t('suggest.distance', { km: truck.distanceKm.toFixed(1) })}
              {truck.viaBridge ? (
                <span className="badge warn">{t('suggest.viaBridge')}</span>
              ) : null}
              {truck.makesSlot === null ? null : (
                <span
                  className={`badge ${truck.makesSlot ? 'ok' : 'warn'}`}
                  data-testid="suggest-slot"
                  data-makes-slot={truck.makesSlot}
                >
                  {t(truck.makesSlot ? 'suggest.makesSlot' : 'suggest.missesSlot')}
                </span>
              )}
              {/* In the user's language from the figures (the api's `why` is English). */}
              <p className="hint">
                {t('suggest.straightLine', { km: truck.straightLineKm.toFixed(1) })}
              </p>
            </div>
            <button
              type="button"
              className="primary"
              data-vehicle-id={truck.vehicleId}
              data-plate={truck.plate}
              disabled={assign.isPending}
              onClick={() => assignTo(truck.vehicleId)}
            >
              {t('suggest.assign')}
            </button>
          </li>
        ))}
      </ul>
      {assign.error ? (
        <p className="form-error" role="alert">
          <ErrorText error={assign.error} />
        </p>
      ) : null}
    </Dialog>
  );
}
