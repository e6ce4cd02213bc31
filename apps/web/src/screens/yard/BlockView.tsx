import type { YardBlockSummary } from '@harbor/shared';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { QueryState } from '../../ui/states.tsx';
import { BlockGrid, type GridHighlight } from './BlockGrid.tsx';
import { StackDetail } from './StackDetail.tsx';
import { buildYardGrid, type YardCell } from './yard-grid.ts';

/** One block: its grid of stacks and the stack pointed at or clicked. */
export function BlockView({
  block,
  highlight,
}: {
  block: YardBlockSummary;
  highlight: GridHighlight | null;
}) {
  const { t } = useTranslation('yard');
  const grid = useQuery(trpc.yard.block.queryOptions({ yardBlockId: block.id }));
  // Dwell of the block's containers (the grid's slots carry no dwell).
  const dwell = useQuery(
    trpc.containers.search.queryOptions({ yardBlockId: block.id, limit: 500 }),
  );
  const dwellByNumber = useMemo(
    () => new Map(dwell.data?.items.map((item) => [item.number, item.state.dwellHours]) ?? []),
    [dwell.data],
  );
  const model = useMemo(
    () => (grid.data ? buildYardGrid(grid.data.block, grid.data.slots) : null),
    [grid.data],
  );
  const [pointed, setPointed] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const onPoint = useCallback((key: string | null) => setPointed(key), []);
  const onChoose = useCallback(
    (key: string) => setChosen((current) => (current === key ? null : key)),
    [],
  );
  const highlightKey = highlight ? `${block.code}-${highlight.bay}-${highlight.row}` : null;
  const shownKey = pointed ?? chosen ?? highlightKey;
  const shown: YardCell | null =
    (shownKey && model?.cells.flat().find((cell) => cell.key === shownKey)) || null;

  return (
    <section className="panel yard-block-view" aria-label={t('blockHeading', { code: block.code })}>
      <h2>
        {t('blockHeading', { code: block.code })}{' '}
        <span className="hint">
          {t('dimensions', { bays: block.bays, rows: block.rows, tiers: block.tiers })} ·{' '}
          {t('teu', { occupied: block.occupiedTeu, capacity: block.capacityTeu })}
        </span>
      </h2>
      <QueryState query={grid}>
        {() =>
          model ? (
            <div className="yard-block-body">
              <BlockGrid
                model={model}
                highlight={highlight}
                chosenKey={chosen}
                onPoint={onPoint}
                onChoose={onChoose}
              />
              <StackDetail cell={shown} dwellByNumber={dwellByNumber} />
            </div>
          ) : null
        }
      </QueryState>
    </section>
  );
}
