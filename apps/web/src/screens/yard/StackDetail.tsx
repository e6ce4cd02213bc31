import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { YardCell } from './yard-grid.ts';

/**
 * The containers of one stack, top first, with their dwell. Another organization's container
 * shows as an occupied tier without its number (the api withholds it).
 */
export function StackDetail({
  cell,
  dwellByNumber,
}: {
  cell: YardCell | null;
  dwellByNumber: ReadonlyMap<string, number | null>;
}) {
  const { t } = useTranslation('yard');
  if (!cell) return <aside className="yard-stack hint">{t('pickStack')}</aside>;
  return (
    <aside className="yard-stack" aria-live="polite" data-testid="yard-stack">
      <h3>
        {t('stackHeading', { bay: cell.bay, row: cell.row })}{' '}
        <span className="hint">
          {t('stackHeight', { height: cell.height, max: cell.maxTiers })}
        </span>
      </h3>
      {cell.units.length === 0 ? (
        <p className="hint">{t('emptyStack')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('tier')}</th>
              <th>{t('number')}</th>
              <th>{t('sizeType')}</th>
              <th>{t('emptyLaden')}</th>
              <th>{t('dwell')}</th>
            </tr>
          </thead>
          <tbody>
            {cell.units.map((unit) => {
              const number = unit.containerNumber;
              const dwell = number === null ? undefined : dwellByNumber.get(number);
              return (
                <tr
                  key={unit.tier}
                  data-container={number ?? undefined}
                  data-withheld={number === null ? 'true' : undefined}
                >
                  <td className="num">{unit.tier}</td>
                  <td>
                    {number === null ? (
                      <span className="hint" title={t('withheldHint')}>
                        {t('withheld')}
                      </span>
                    ) : (
                      <Link to={`/containers?number=${number}`} title={t('track')}>
                        {number}
                      </Link>
                    )}
                  </td>
                  <td>
                    {unit.isoSizeType}
                    {unit.spanBays ? (
                      <span className="badge yard-span-badge">
                        {t('span', { first: unit.spanBays[0], second: unit.spanBays[1] })}
                      </span>
                    ) : null}
                  </td>
                  <td>{unit.emptyIndicator ? t(unit.emptyIndicator) : t('unknown')}</td>
                  <td className="num">
                    {dwell === undefined || dwell === null
                      ? t('unknown')
                      : t('dwellValue', {
                          days: Math.floor(dwell / 24),
                          hours: Math.floor(dwell % 24),
                        })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </aside>
  );
}
