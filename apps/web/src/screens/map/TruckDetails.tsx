import { ACTIVE_JOB_STATUSES, type Vehicle } from '@harbor/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { truckStatusOf } from './asset-style.ts';

/** A truck's plate, status, driver and the job it is on. */
export function TruckDetails({
  assetKey,
  vehicle,
}: {
  assetKey: string;
  vehicle: Vehicle | undefined;
}) {
  const { t } = useTranslation('map');
  const vehicleId = vehicle?.id;
  const jobs = useQuery(
    trpc.dispatch.list.queryOptions(
      vehicleId === undefined
        ? skipToken
        : { vehicleId, status: [...ACTIVE_JOB_STATUSES], limit: 5 },
      { refetchInterval: 15_000 },
    ),
  );
  const none = t('panel.none');
  if (!vehicle)
    return (
      <>
        <h3 className="map-panel-title">{assetKey}</h3>
        <p className="map-muted">{t('panel.unknownAsset')}</p>
      </>
    );
  const job = jobs.data?.items[0];
  return (
    <>
      <h3 className="map-panel-title">{vehicle.plate}</h3>
      <dl className="map-facts">
        <dt>{t('panel.plate')}</dt>
        <dd>{vehicle.plate}</dd>
        <dt>{t('panel.model')}</dt>
        <dd>{vehicle.model ?? none}</dd>
        <dt>{t('panel.truckStatus')}</dt>
        <dd>{t(`truckStatus.${truckStatusOf(vehicle.status)}`)}</dd>
        <dt>{t('panel.driver')}</dt>
        <dd>{vehicle.driver?.name ?? none}</dd>
        <dt>{t('panel.job')}</dt>
        <dd data-testid="asset-job">
          {jobs.isPending && vehicleId
            ? '…'
            : job
              ? `${job.reference} · ${job.pickupZone.code} → ${job.dropoffZone.code} · ${job.status}`
              : t('panel.noJob')}
        </dd>
      </dl>
    </>
  );
}
