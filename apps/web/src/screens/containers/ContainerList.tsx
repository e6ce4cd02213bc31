import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { QueryState } from '../../ui/states.tsx';
import { type PortLookups, visitLabel } from './lookups.ts';
import { dwellParts } from './timeline.ts';

/**
 * Containers of a vessel visit or a yard block (containers.search), paged by number. The api
 * lists only the containers the user's organization may see; with `listsOwn` (anyone but port
 * staff) the list shows them all before a filter is chosen.
 */
export function ContainerList({
  visitId,
  blockId,
  listsOwn,
  lookups,
  onFilter,
  onOpen,
}: {
  visitId: string | null;
  blockId: string | null;
  listsOwn: boolean;
  lookups: PortLookups;
  onFilter: (filter: { visitId: string | null; blockId: string | null }) => void;
  onOpen: (number: string) => void;
}) {
  const { t } = useTranslation('containers');
  const filter = {
    vesselVisitId: visitId ?? undefined,
    yardBlockId: blockId ?? undefined,
    limit: 50,
  };
  const search = useInfiniteQuery(
    trpc.containers.search.infiniteQueryOptions(filter, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      enabled: visitId !== null || blockId !== null || listsOwn,
    }),
  );
  const isUnfiltered = visitId === null && blockId === null;
  const rows = search.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel containers-list" aria-label={t('list')}>
      <h2>{isUnfiltered && listsOwn ? t('listOwn') : t('list')}</h2>
      <div className="toolbar">
        <label>
          {t('byVisit')}{' '}
          <select
            value={visitId ?? ''}
            onChange={(event) => onFilter({ visitId: event.target.value || null, blockId })}
          >
            <option value="">{t('anyVisit')}</option>
            {lookups.visits.map((visit) => (
              <option key={visit.id} value={visit.id}>
                {visitLabel(visit, visit.id)} · {visit.terminalCode ?? ''}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('byBlock')}{' '}
          <select
            value={blockId ?? ''}
            onChange={(event) => onFilter({ visitId, blockId: event.target.value || null })}
          >
            <option value="">{t('anyBlock')}</option>
            {lookups.blocks.map((block) => (
              <option key={block.id} value={block.id}>
                {block.terminalCode} {block.code}
              </option>
            ))}
          </select>
        </label>
      </div>
      {isUnfiltered && !listsOwn ? (
        <p className="hint">{t('pickFilter')}</p>
      ) : (
        <QueryState query={search} isEmpty={() => rows.length === 0} empty={t('noneFound')}>
          {() => (
            <>
              <table className="data-table">
                <thead>
                  <tr>
                    <th>{t('number')}</th>
                    <th>{t('sizeType')}</th>
                    <th>{t('placeLabel')}</th>
                    <th>{t('slot')}</th>
                    <th>{t('emptyLaden')}</th>
                    <th>{t('dwell')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id}>
                      <td>
                        <button
                          type="button"
                          className="containers-link"
                          onClick={() => onOpen(row.number)}
                        >
                          {row.number}
                        </button>
                      </td>
                      <td>{row.isoSizeType}</td>
                      <td>
                        {t(`place.${row.state.place}`)}{' '}
                        {row.state.terminalCode ?? row.state.zoneCode ?? ''}
                      </td>
                      <td>
                        {row.state.yardBlockCode && row.state.bay !== null
                          ? `${row.state.yardBlockCode} ${row.state.bay}-${row.state.row}-${row.state.tier}`
                          : t('none')}
                      </td>
                      <td>{row.state.emptyIndicator ? t(row.state.emptyIndicator) : t('none')}</td>
                      <td className="num">
                        {row.state.dwellHours === null
                          ? t('none')
                          : t('dwellValue', dwellParts(row.state.dwellHours))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {search.hasNextPage ? (
                <button
                  type="button"
                  onClick={() => void search.fetchNextPage()}
                  disabled={search.isFetchingNextPage}
                >
                  {t('more')}
                </button>
              ) : null}
            </>
          )}
        </QueryState>
      )}
    </section>
  );
}
