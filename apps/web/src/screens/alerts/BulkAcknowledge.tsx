import type { AcknowledgeAlertsResult } from '@harbor/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Select all open alerts on the page, and acknowledge the selected ones together with a
 * comment (what was done about them).
 */
export function BulkAcknowledge({
  selected,
  selectable,
  isPending,
  result,
  onSelectAll,
  onAcknowledge,
}: {
  selected: number;
  /** Open alerts on the page the user may select. */
  selectable: number;
  isPending: boolean;
  result: AcknowledgeAlertsResult | undefined;
  onSelectAll: (isSelected: boolean) => void;
  onAcknowledge: (comment: string) => void;
}) {
  const { t } = useTranslation('alerts');
  const [comment, setComment] = useState('');
  const commentId = useId();
  return (
    <form
      className="alerts-bulk"
      onSubmit={(event) => {
        event.preventDefault();
        onAcknowledge(comment);
        setComment('');
      }}
    >
      <label>
        <input
          type="checkbox"
          checked={selectable > 0 && selected === selectable}
          disabled={selectable === 0}
          onChange={(event) => onSelectAll(event.target.checked)}
        />{' '}
        {t('selectAll')}
      </label>
      <span className="hint" data-testid="alerts-selected">
        {t('bulk.selected', { count: selected })}
      </span>
      <label htmlFor={commentId}>{t('bulk.comment')}</label>
      <input
        id={commentId}
        name="comment"
        value={comment}
        maxLength={500}
        placeholder={t('bulk.commentHint')}
        onChange={(event) => setComment(event.target.value)}
      />
      <button type="submit" disabled={selected === 0 || isPending}>
        {t('bulk.acknowledge')}
      </button>
      {result ? (
        <span className="hint" role="status">
          {t('bulk.done', { count: result.acknowledged.length })}
          {result.alreadyAcknowledged.length > 0
            ? ` ${t('bulk.already', { count: result.alreadyAcknowledged.length })}`
            : null}
        </span>
      ) : null}
    </form>
  );
}
