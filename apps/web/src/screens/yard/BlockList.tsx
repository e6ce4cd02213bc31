import type { YardBlockSummary } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { utilisationLevel } from './yard-grid.ts';

/** The terminal's blocks, each with its utilisation bar; choosing one opens its grid. */
export function BlockList({
  blocks,
  selectedCode,
  onSelect,
}: {
  blocks: readonly YardBlockSummary[];
  selectedCode: string | null;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation('yard');
  return (
    <ul className="yard-block-list">
      {blocks.map((block) => {
        const percent = Math.round(block.utilisation * 100);
        return (
          <li key={block.id}>
            <button
              type="button"
              className="yard-block-button"
              aria-pressed={block.code === selectedCode}
              // The visible text (code, TEU, containers, the meter's percentage) is its name.
              title={t('blockButton', { code: block.code, percent })}
              data-block={block.code}
              onClick={() => onSelect(block.code)}
            >
              <span className="yard-block-line">
                <span className="yard-block-code">{block.code}</span>
                <span className="yard-block-figures num">
                  {t('teu', { occupied: block.occupiedTeu, capacity: block.capacityTeu })} ·{' '}
                  {t('containersCount', { count: block.containers })}
                </span>
              </span>
              <span className="yard-block-line">
                <span
                  className={`yard-bar yard-bar-${utilisationLevel(block.utilisation)}`}
                  aria-hidden="true"
                >
                  <span style={{ width: `${Math.min(100, percent)}%` }} />
                </span>
                <span className="yard-block-percent num">{percent}%</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
