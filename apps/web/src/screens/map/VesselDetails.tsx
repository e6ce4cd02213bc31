import { OPEN_VISIT_STATUSES } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { shipClassOf } from './asset-style.ts';
import { formatTime } from './format.ts';

/** A vessel's AIS static data and its open visit, if it has one. */
export function VesselDetails({ mmsi }: { mmsi: string }) {
  const { t, i18n } = useTranslation('map');
  const vessel = useQuery({
    queryKey: ['vessels', 'list', { search: mmsi }],
    queryFn: async () => {
      const page = await trpc.vessels.list.query({ search: mmsi, limit: 5 });
      return page.items.find((v) => String(v.mmsi) === mmsi) ?? null;
    },
  });
  const visits = useQuery({
    queryKey: ['visits', 'list', { statuses: OPEN_VISIT_STATUSES }],
    queryFn: () => trpc.visits.list.query({ statuses: [...OPEN_VISIT_STATUSES], limit: 500 }),
    refetchInterval: 30_000,
  });
  if (vessel.isPending) return <Loading />;
  if (vessel.error)
    return <ErrorState error={vessel.error} onRetry={() => void vessel.refetch()} />;
  const none = t('panel.none');
  const v = vessel.data;
  const visit = visits.data?.items.find((item) => String(item.vessel.mmsi) === mmsi) ?? null;
  const dimensions = v ? dimensionsOf(v, t) : none;
  return (
    <>
      <h3 className="map-panel-title">{v?.name ?? mmsi}</h3>
      {v === null ? <p className="map-muted">{t('panel.unknownAsset')}</p> : null}
      <dl className="map-facts">
        <dt>{t('panel.mmsi')}</dt>
        <dd className="num">{mmsi}</dd>
        <dt>{t('panel.imo')}</dt>
        <dd className="num">{v?.imo ?? none}</dd>
        <dt>{t('panel.callSign')}</dt>
        <dd>{v?.callSign ?? none}</dd>
        <dt>{t('panel.shipType')}</dt>
        <dd>
          {v?.shipType == null
            ? none
            : `${v.shipType} · ${t(`shipClass.${shipClassOf(v.shipType)}`)}`}
        </dd>
        <dt>{t('panel.dimensions')}</dt>
        <dd>{dimensions}</dd>
        <dt>{t('panel.flag')}</dt>
        <dd>{v?.flag ?? none}</dd>
        <dt>{t('panel.destination')}</dt>
        <dd>{v?.destination ?? none}</dd>
        <dt>{t('panel.aisEta')}</dt>
        <dd>{formatTime(visit?.vessel.aisEta, i18n.language) || none}</dd>
        <dt>{t('panel.visit')}</dt>
        <dd data-testid="asset-visit">
          {visits.isPending
            ? '…'
            : visit
              ? t('panel.visitValue', {
                  status: t(`visitStatus.${visit.status}`),
                  terminal: visit.terminalCode ?? '',
                  berth: visit.berthCode ?? '',
                })
              : t('panel.noVisit')}
        </dd>
      </dl>
    </>
  );
}

function dimensionsOf(
  v: { lengthM: number | null; beamM: number | null; draughtM: number | null },
  t: (key: string, options?: Record<string, unknown>) => string,
): string {
  if (v.lengthM === null && v.beamM === null && v.draughtM === null) return t('panel.none');
  const parts = [
    v.lengthM !== null || v.beamM !== null
      ? t('panel.sizeValue', { length: v.lengthM ?? '?', beam: v.beamM ?? '?' })
      : null,
    v.draughtM !== null ? t('panel.draughtValue', { draught: v.draughtM }) : null,
  ];
  return parts.filter((part) => part !== null).join(', ');
}
