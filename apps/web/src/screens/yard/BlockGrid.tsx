import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { stackColour, stackInk, type YardCell, type YardGridModel } from './yard-grid.ts';

/** The slot to highlight (a searched container): its first bay, and how many bays it covers. */
export type GridHighlight = { bay: number; row: number; bays: 1 | 2 };

function isHighlightSpan(cell: YardCell, highlight: GridHighlight | null): boolean {
  return (
    highlight !== null &&
    highlight.bays === 2 &&
    cell.row === highlight.row &&
    cell.bay === highlight.bay + 1
  );
}

/** Bays across, rows down; each cell a stack with its height and colour. */
export const BlockGrid = memo(function BlockGrid({
  model,
  highlight,
  chosenKey,
  onPoint,
  onChoose,
}: {
  model: YardGridModel;
  highlight: GridHighlight | null;
  chosenKey: string | null;
  onPoint: (key: string | null) => void;
  onChoose: (key: string) => void;
}) {
  const { t } = useTranslation('yard');
  const bays = Array.from({ length: model.bays }, (_, index) => index + 1);
  const heights = Array.from({ length: model.tiers + 1 }, (_, index) => index);
  return (
    // Focusable, so a keyboard scrolls it; the scrollbar is always drawn (yard.css).
    <section
      className="yard-grid-scroll"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard
      tabIndex={0}
      aria-label={t('gridRegion', { bays: model.bays, rows: model.cells.length })}
      data-testid="yard-grid-scroll"
    >
      {/* biome-ignore lint/a11y/noStaticElementInteractions: leaving the grid only clears the hover preview; cells take focus */}
      <div
        className="yard-grid"
        data-testid="yard-grid"
        data-block={model.blockCode}
        style={{ gridTemplateColumns: `2.5em repeat(${model.bays}, minmax(22px, 1fr))` }}
        onMouseLeave={() => onPoint(null)}
      >
        <span className="yard-grid-corner">
          {t('row')} \ {t('bay')}
        </span>
        {bays.map((bay) => (
          <span key={bay} className="yard-grid-bay num">
            {bay}
          </span>
        ))}
        {model.cells.map((line) => [
          <span key={`row-${line[0]?.row}`} className="yard-grid-row num">
            {line[0]?.row}
          </span>,
          ...line.map((cell) => {
            const isHighlighted =
              highlight !== null && cell.bay === highlight.bay && cell.row === highlight.row;
            const classes = ['yard-cell', `yard-cell-span-${cell.span}`];
            if (isHighlighted || isHighlightSpan(cell, highlight))
              classes.push('yard-cell-highlight');
            if (cell.key === chosenKey) classes.push('yard-cell-chosen');
            return (
              <button
                key={cell.key}
                type="button"
                className={classes.join(' ')}
                data-slot={cell.key}
                data-height={cell.height}
                data-highlighted={isHighlighted ? 'true' : undefined}
                aria-pressed={cell.key === chosenKey}
                aria-label={t('cellLabel', {
                  bay: cell.bay,
                  row: cell.row,
                  height: cell.height,
                  max: cell.maxTiers,
                })}
                title={`${cell.height}/${cell.maxTiers}`}
                style={{
                  background: stackColour(cell.height, cell.maxTiers),
                  color: stackInk(cell.height, cell.maxTiers),
                }}
                onMouseEnter={() => onPoint(cell.key)}
                onFocus={() => onPoint(cell.key)}
                onClick={() => onChoose(cell.key)}
              >
                {cell.height > 0 ? `${cell.height}/${cell.maxTiers}` : ''}
              </button>
            );
          }),
        ])}
      </div>
      <p className="hint yard-legend">
        {t('legend')}:{' '}
        {heights.map((height) => (
          <span
            key={height}
            className="yard-legend-swatch"
            style={{
              background: stackColour(height, model.tiers),
              color: stackInk(height, model.tiers),
            }}
          >
            {height}
          </span>
        ))}{' '}
        <span className="yard-legend-span">
          <span className="yard-cell-span-start" />
          <span className="yard-cell-span-end" />
        </span>{' '}
        {t('legend40')}
      </p>
    </section>
  );
});
