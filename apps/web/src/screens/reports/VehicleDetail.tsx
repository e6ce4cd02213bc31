import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { localName } from '../../ui/local-name.ts';
import { QueryState } from '../../ui/states.tsx';

/** One vehicle's trips and stops over the period (`reports.vehicle`). */
export function VehicleDetail({
  vehicleId,
  from,
  to,
  onClose,
}: {
  vehicleId: string;
  from: string;
  to: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('reports');
  const input = { vehicleId, from, to };
  const report = useQuery(trpc.reports.vehicle.queryOptions(input));
  const time = (iso: string) => formatDateTime(iso, i18n.language, false);
  const n = (value: number, digits = 0) => formatNumber(value, i18n.language, digits);
  return (
    <section className="panel reports-detail" data-testid="vehicle-detail">
      <div className="reports-detail-head">
        <h2>
          {report.data ? t('detail.title', { plate: report.data.plate }) : t('detail.loading')}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('detail.close')}>
          ×
        </button>
      </div>
      <QueryState query={report}>
        {(data) => (
          <div className="reports-detail-body">
            <div>
              <h3>{t('detail.trips', { count: data.trips.length })}</h3>
              {data.trips.length === 0 ? (
                <p className="hint">{t('detail.noTrips')}</p>
              ) : (
                <table className="data-table" data-testid="vehicle-trips">
                  <thead>
                    <tr>
                      <th>{t('detail.start')}</th>
                      <th>{t('detail.end')}</th>
                      <th>{t('detail.route')}</th>
                      <th className="num">{t('detail.minutes')}</th>
                      <th className="num">{t('col.distance')}</th>
                      <th className="num">{t('detail.maxSpeed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.trips.map((trip) => (
                      <tr key={trip.startAt}>
                        <td>{time(trip.startAt)}</td>
                        <td>{time(trip.endAt)}</td>
                        <td>
                          {trip.fromZoneCode ?? '—'} → {trip.toZoneCode ?? '—'}
                        </td>
                        <td className="num">{n(trip.durationMinutes)}</td>
                        <td className="num">{n(trip.distanceKm, 1)}</td>
                        <td className="num">{n(trip.maxSpeedKmh)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
            <div>
              <h3>{t('detail.stops', { count: data.stops.length })}</h3>
              {data.stops.length === 0 ? (
                <p className="hint">{t('detail.noStops')}</p>
              ) : (
                <table className="data-table" data-testid="vehicle-stops">
                  <thead>
                    <tr>
                      <th>{t('detail.start')}</th>
                      <th>{t('detail.end')}</th>
                      <th>{t('detail.place')}</th>
                      <th className="num">{t('col.stopped')}</th>
                      <th className="num">{t('col.idle')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.stops.map((stop) => (
                      <tr key={stop.startAt}>
                        <td>{time(stop.startAt)}</td>
                        <td>{time(stop.endAt)}</td>
                        <td>
                          {stop.zoneName ? (
                            <span title={stop.zoneCode ?? undefined} data-zone={stop.zoneCode}>
                              {localName(
                                { name: stop.zoneName, nameZh: stop.zoneNameZh },
                                i18n.language,
                              )}
                            </span>
                          ) : (
                            <span className="hint">
                              {t('detail.noZone', { lat: n(stop.lat, 4), lon: n(stop.lon, 4) })}
                            </span>
                          )}
                        </td>
                        <td className="num">{n(stop.durationMinutes)}</td>
                        <td className="num">{n(stop.idleMinutes)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </div>
        )}
      </QueryState>
    </section>
  );
}
