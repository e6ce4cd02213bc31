import { OPEN_VISIT_STATUSES, type Vessel } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { VesselDiscrepancies } from '../vessels/VesselDiscrepancies.tsx';
import { shipClassOf } from './asset-style.ts';
import { formatTime } from './format.ts';

type Particular = keyof Vessel['curated'] & keyof NonNullable<Vessel['ais']>;

/** The vessel shows this particular as its AIS reports it: the port curated none. */
const isFromAis = (v: Vessel, field: Particular) =>
  v.curated[field] === null && v.ais !== null && v.ais[field] !== null;

/**
 * A vessel's particulars (the port's, else what its AIS reports, marked so), where its AIS
 * disagrees with the port, and its open visit, if it has one.
 */
export function VesselDetails({ mmsi }: { mmsi: string }) {
  const { t, i18n } = useTranslation('map');
  const vessel = useQuery(
    trpc.vessels.list.queryOptions(
      { search: mmsi, limit: 5 },
      { select: (page) => page.items.find((v) => String(v.mmsi) === mmsi) ?? null },
    ),
  );
  const visits = useQuery(
    trpc.visits.list.queryOptions(
      { statuses: [...OPEN_VISIT_STATUSES], limit: 500 },
      { refetchInterval: 30_000 },
    ),
  );
  if (vessel.isPending) return <Loading />;
  if (vessel.error)
    return <ErrorState error={vessel.error} onRetry={() => void vessel.refetch()} />;
  const none = t('panel.none');
  const v = vessel.data;
  const visit = visits.data?.items.find((item) => String(item.vessel.mmsi) === mmsi) ?? null;
  const marked = (field: Particular | Particular[], value: string) =>
    v && [field].flat().some((f) => isFromAis(v, f)) ? t('panel.fromAis', { value }) : value;
  const dimensions = v ? marked(['lengthM', 'beamM', 'draughtM'], dimensionsOf(v, t)) : none;
  const aisEta = v?.ais?.eta ?? visit?.vessel.aisEta;
  return (
    <>
      <h3 className="map-panel-title">{v?.name ? marked('name', v.name) : mmsi}</h3>
      {v === null ? <p className="map-muted">{t('panel.unknownAsset')}</p> : null}
      <dl className="map-facts">
        <dt>{t('panel.mmsi')}</dt>
        <dd className="num">{mmsi}</dd>
        <dt>{t('panel.imo')}</dt>
        <dd className="num">{v?.imo == null ? none : marked('imo', String(v.imo))}</dd>
        <dt>{t('panel.callSign')}</dt>
        <dd>{v?.callSign == null ? none : marked('callSign', v.callSign)}</dd>
        <dt>{t('panel.shipType')}</dt>
        <dd>
          {v?.shipType == null
            ? none
            : marked('shipType', `${v.shipType} · ${t(`shipClass.${shipClassOf(v.shipType)}`)}`)}
        </dd>
        <dt>{t('panel.dimensions')}</dt>
        <dd>{dimensions}</dd>
        <dt>{t('panel.flag')}</dt>
        <dd>{v?.flag ?? none}</dd>
        <dt>{t('panel.destination')}</dt>
        <dd>{v?.destination == null ? none : marked('destination', v.destination)}</dd>
        <dt>{t('panel.aisEta')}</dt>
        <dd>{formatTime(aisEta, i18n.language) || none}</dd>
        <dt>{t('panel.aisReportedAt')}</dt>
        <dd>{formatTime(v?.ais?.reportedAt, i18n.language) || none}</dd>
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
      {v ? <VesselDiscrepancies discrepancies={v.discrepancies} /> : null}
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
