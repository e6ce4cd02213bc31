import type { BerthPlan } from '@harbor/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { trpc } from '../../trpc.ts';
import { ErrorText } from '../../ui/error-text.tsx';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import {
  type ConflictFact,
  conflictFacts,
  findVisit,
  fromLocalInput,
  isMovable,
  type MoveDraft,
  previewConflicts,
  toLocalInput,
  vesselName,
} from './move.ts';

/** A conflict in words: the other ship, or the figures that do not fit. */
export function conflictLine(t: TFunction<'berthPlan'>, language: string, fact: ConflictFact) {
  const metres = (value: number) => formatNumber(value, language, 1);
  switch (fact.kind) {
    case 'OVERLAP':
      return t('conflicts.OVERLAP', { other: fact.otherName });
    case 'TOO_LONG':
      return t('conflicts.TOO_LONG', {
        length: metres(fact.lengthM),
        berthLength: metres(fact.berthLengthM),
      });
    case 'TOO_DEEP':
      return t('conflicts.TOO_DEEP', {
        draught: metres(fact.draughtM),
        depth: metres(fact.depthM),
      });
  }
}

function ConflictList({ facts, testId }: { facts: ConflictFact[]; testId: string }) {
  const { t, i18n } = useTranslation('berthPlan');
  return (
    <ul className="berth-plan-conflicts" data-testid={testId}>
      {facts.map((fact, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list, replaced whole
        <li key={index} data-kind={fact.kind}>
          {conflictLine(t, i18n.language, fact)}
        </li>
      ))}
    </ul>
  );
}

/**
 * One visit of the plan: its facts and conflicts, and for planners the move form (the
 * keyboard's way to do what a drag does), previewing conflicts before saving.
 */
export function VisitPanel({
  plan,
  visitId,
  canMove,
  draft,
  onDraft,
  onClose,
}: {
  plan: BerthPlan;
  visitId: string;
  canMove: boolean;
  draft: MoveDraft | null;
  onDraft: (draft: MoveDraft | null) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('berthPlan');
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const replan = useMutation(
    trpc.visits.replan.mutationOptions({
      onSuccess: () => {
        onDraft(null);
        void queryClient.invalidateQueries(trpc.visits.pathFilter());
        void queryClient.invalidateQueries(trpc.dashboards.pathFilter());
      },
    }),
  );
  // The panel takes the focus when it opens on another visit, so a keyboard user lands in it.
  useEffect(() => {
    if (visitId) heading.current?.focus();
  }, [visitId]);
  const found = findVisit(plan, visitId);
  if (!found) return null;
  const { berth, visit } = found;
  const time = (iso: string | null) => formatDateTime(iso, i18n.language);
  const metres = (value: number | null) =>
    value === null ? '—' : t('metres', { value: formatNumber(value, i18n.language, 1) });
  const facts = conflictFacts(plan, visit.id);
  const movable = canMove && isMovable(visit);
  const current: MoveDraft =
    draft?.visitId === visit.id
      ? draft
      : {
          visitId: visit.id,
          berthId: berth.berthId,
          start: new Date(visit.windowStart),
          end: new Date(visit.windowEnd),
        };
  const isChanged = draft?.visitId === visit.id;
  const preview = isChanged ? previewConflicts(plan, current) : [];
  const isValid = current.end > current.start;
  return (
    <aside
      className="panel berth-plan-panel"
      aria-labelledby="berth-plan-panel-title"
      data-testid="visit-panel"
    >
      <div className="berth-plan-panel-head">
        <h2 id="berth-plan-panel-title" tabIndex={-1} ref={heading}>
          {vesselName(visit)}
        </h2>
        <button type="button" onClick={onClose} aria-label={t('panel.close')}>
          ×
        </button>
      </div>
      <Link to={`/vessels/${visit.vessel.id}`} data-testid="vessel-link">
        {t('panel.vesselPage')}
      </Link>
      <dl className="berth-plan-facts">
        <dt>{t('panel.voyage')}</dt>
        <dd>{visit.voyageNumber ?? '—'}</dd>
        <dt>{t('panel.status')}</dt>
        <dd>{t(`status.${visit.status}`)}</dd>
        <dt>{t('panel.berth')}</dt>
        <dd>
          {berth.code} (
          {t('berthSize', {
            length: formatNumber(berth.lengthM, i18n.language),
            depth: formatNumber(berth.depthM, i18n.language, 1),
          })}
          )
        </dd>
        <dt>{visit.isActual ? t('panel.actualStay') : t('panel.plannedStay')}</dt>
        <dd>
          {time(visit.windowStart)} – {time(visit.windowEnd)}
        </dd>
        <dt>{t('panel.ship')}</dt>
        <dd>
          {metres(visit.vessel.lengthM)} / {metres(visit.vessel.draughtM)}
        </dd>
      </dl>
      <h3>{t('panel.conflicts')}</h3>
      {facts.length ? (
        <ConflictList facts={facts} testId="visit-conflicts" />
      ) : (
        <p className="hint">{t('panel.noConflicts')}</p>
      )}
      {movable ? (
        <form
          className="berth-plan-move"
          aria-label={t('move.title')}
          onSubmit={(event) => {
            event.preventDefault();
            if (!isValid) return;
            replan.mutate({
              id: visit.id,
              berthId: current.berthId,
              eta: current.start.toISOString(),
              etd: current.end.toISOString(),
            });
          }}
        >
          <h3>{t('move.title')}</h3>
          <p className="hint">{t('move.hint')}</p>
          <label>
            {t('move.berth')}
            <select
              value={current.berthId}
              onChange={(event) => onDraft({ ...current, berthId: event.target.value })}
            >
              {plan.berths.map((item) => (
                <option key={item.berthId} value={item.berthId}>
                  {item.code}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('move.start')}
            <input
              type="datetime-local"
              value={toLocalInput(current.start)}
              onChange={(event) => {
                const start = fromLocalInput(event.target.value);
                if (start) onDraft({ ...current, start });
              }}
            />
          </label>
          <label>
            {t('move.end')}
            <input
              type="datetime-local"
              value={toLocalInput(current.end)}
              onChange={(event) => {
                const end = fromLocalInput(event.target.value);
                if (end) onDraft({ ...current, end });
              }}
            />
          </label>
          {!isValid ? <p className="form-error">{t('move.endAfterStart')}</p> : null}
          {isChanged ? (
            <div aria-live="polite">
              <h4>{t('move.preview')}</h4>
              {preview.length ? (
                <ConflictList facts={preview} testId="move-conflicts" />
              ) : (
                <p className="hint" data-testid="move-conflicts">
                  {t('move.noConflicts')}
                </p>
              )}
            </div>
          ) : null}
          <div className="toolbar">
            <button
              type="submit"
              className="primary"
              disabled={!isChanged || !isValid || replan.isPending}
            >
              {replan.isPending ? t('move.saving') : t('move.save')}
            </button>
            <button type="button" disabled={!isChanged} onClick={() => onDraft(null)}>
              {t('move.undo')}
            </button>
          </div>
          {replan.error ? (
            <p className="form-error" role="alert">
              <ErrorText error={replan.error} />
            </p>
          ) : null}
          {replan.data && !isChanged ? (
            <p role="status" data-testid="move-saved">
              {replan.data.conflicts.length
                ? t('move.savedWithConflicts', { count: replan.data.conflicts.length })
                : t('move.saved')}
            </p>
          ) : null}
        </form>
      ) : canMove ? (
        <p className="hint">{t('move.notMovable')}</p>
      ) : null}
    </aside>
  );
}
