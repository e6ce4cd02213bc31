import './yard.css';
import { baysCovered, isValidContainerNumber } from '@harbor/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { trpc } from '../../trpc.ts';
import { localName } from '../../ui/local-name.ts';
import { QueryState } from '../../ui/states.tsx';
import { BlockList } from './BlockList.tsx';
import { BlockView } from './BlockView.tsx';
import { busiestPlace } from './busiest.ts';
import { YardSearch } from './YardSearch.tsx';
import { parseYardUrl, type YardUrlState, yardUrlParams } from './yard-url.ts';

export function YardScreen() {
  const { t, i18n } = useTranslation('yard');
  const [params, setParams] = useSearchParams();
  const url = parseYardUrl(params);
  const update = useCallback(
    (patch: Partial<YardUrlState>, replace = false) =>
      setParams((current) => yardUrlParams({ ...parseYardUrl(current), ...patch }), { replace }),
    [setParams],
  );

  const terminals = useQuery(trpc.port.terminals.queryOptions());
  const terminal = terminals.data?.find((item) => item.code === url.terminal) ?? null;
  // The yard opens where the containers are: the busiest terminal, at its fullest block.
  const utilisation = useQuery(
    trpc.dashboards.yardUtilisation.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const busiest = utilisation.data ? busiestPlace(utilisation.data) : null;
  // Without the figures, the first terminal.
  const openTerminal =
    busiest?.terminal ?? (utilisation.error ? (terminals.data?.[0]?.code ?? null) : null);
  const openBlock = busiest?.block ?? null;
  useEffect(() => {
    if (!url.terminal && !url.container && openTerminal) {
      update({ terminal: openTerminal, block: openBlock }, true);
    }
  }, [url.terminal, url.container, openTerminal, openBlock, update]);

  const searched = url.container && isValidContainerNumber(url.container) ? url.container : null;
  const located = useQuery(
    trpc.containers.get.queryOptions(searched ? { number: searched } : skipToken, {
      retry: false,
    }),
  );
  // Another organization's container comes as its status only: no slot to show.
  const state = searched && located.data?.access === 'FULL' ? located.data.state : undefined;
  useEffect(() => {
    if (!state?.terminalCode || !state.yardBlockCode || state.bay === null) return;
    if (state.terminalCode !== url.terminal || state.yardBlockCode !== url.block) {
      update({ terminal: state.terminalCode, block: state.yardBlockCode }, true);
    }
  }, [state, url.terminal, url.block, update]);

  const blocks = useQuery(
    trpc.yard.blocks.queryOptions(terminal ? { terminalId: terminal.id } : skipToken),
  );
  const block = blocks.data?.find((item) => item.code === url.block) ?? null;
  const highlight =
    state && state.yardBlockCode === url.block && state.bay !== null && state.row !== null
      ? { bay: state.bay, row: state.row, bays: baysCovered(state.isoSizeType) }
      : null;

  return (
    <div className="yard-screen">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <label className="yard-terminal">
          {t('terminal')}{' '}
          <select
            value={url.terminal ?? ''}
            onChange={(event) =>
              update({ terminal: event.target.value || null, block: null, container: null })
            }
          >
            <option value="">{t('chooseTerminal')}</option>
            {terminals.data?.map((item) => (
              <option key={item.id} value={item.code}>
                {item.code} · {localName(item, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        <YardSearch
          key={url.container ?? ''}
          initial={url.container ?? ''}
          located={searched ? located : null}
          onFind={(number) => update({ container: number })}
          onClear={() => update({ container: null })}
        />
      </div>
      {terminals.error ? <QueryState query={terminals}>{() => null}</QueryState> : null}
      {terminal ? (
        <div className="yard-layout">
          <section className="panel yard-blocks" aria-label={t('blocks')}>
            <h2>{t('blocks')}</h2>
            <QueryState query={blocks} isEmpty={(data) => data.length === 0} empty={t('noBlocks')}>
              {(data) => (
                <BlockList
                  blocks={data}
                  selectedCode={url.block}
                  onSelect={(code) => update({ block: code, container: null })}
                />
              )}
            </QueryState>
          </section>
          {block ? (
            <BlockView key={block.id} block={block} highlight={highlight} />
          ) : (
            <p className="panel yard-pick">{t('pickBlock')}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
