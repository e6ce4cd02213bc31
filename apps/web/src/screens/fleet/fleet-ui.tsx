import { type CellContext, type ColumnDef, flexRender, type Table } from '@tanstack/react-table';
import { type FormEvent, type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../ui/error-text.tsx';
import { Modal } from '../../ui/modal.tsx';
import { SortableHeader } from '../../ui/sortable-header.tsx';

const FLEET_LOOK = {
  backdrop: 'fleet-backdrop',
  dialog: 'fleet-dialog',
  head: 'fleet-dialog-head',
};

/** The fleet screen's dialogs: the admin's one Modal in the fleet's look. */
export function FleetDialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
}) {
  return <Modal {...props} look={FLEET_LOOK} />;
}

/** A labelled control (`render` gets its id and whether it is invalid) with its one message. */
export function Field({
  label,
  invalid,
  render,
}: {
  label: string;
  /** The message key (`invalid.plate`) when the field is refused. */
  invalid?: string | undefined;
  render: (id: string, invalid: boolean, describedBy: string | undefined) => ReactNode;
}) {
  const { t } = useTranslation('fleet');
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="fleet-field">
      <label htmlFor={id}>{label}</label>
      {render(id, Boolean(invalid), invalid ? messageId : undefined)}
      {invalid ? (
        <span id={messageId} className="form-error" data-testid="field-error">
          {t(invalid)}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A dialog that adds or edits one thing: its fields, the api's refusal that is no field's,
 * and save / cancel.
 */
export function FleetFormDialog({
  title,
  testId,
  onSubmit,
  onClose,
  error,
  isPending,
  children,
}: {
  title: string;
  testId: string;
  onSubmit: () => void;
  onClose: () => void;
  /** A failed call not about one field (a conflict, a refusal). */
  error: unknown;
  isPending: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation('fleet');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <FleetDialog title={title} onClose={onClose} testId={testId}>
      <form className="fleet-form" onSubmit={submit} noValidate>
        {children}
        {error ? (
          <p className="form-error fleet-form-error" role="alert" data-testid="form-error">
            <ErrorText error={error} />
          </p>
        ) : null}
        <div className="fleet-form-actions">
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <button type="submit" className="primary" disabled={isPending}>
            {t('action.save')}
          </button>
        </div>
      </form>
    </FleetDialog>
  );
}

/** One of a row's actions: its text, and its name for a screen reader (which row it acts on). */
export type RowAction = { text: string; name: string; onClick: () => void };

/** A row's action buttons, each named for its row. */
export function RowActions({ actions }: { actions: readonly RowAction[] }) {
  return (
    <span className="fleet-actions">
      {actions.map((action) => (
        <button key={action.text} type="button" onClick={action.onClick} aria-label={action.name}>
          {action.text}
        </button>
      ))}
    </span>
  );
}

/** What an editable row's cells need from its tab (the table's `meta`): its name, edit, delete. */
export type EditDeleteMeta<Row> = {
  nameOf: (row: Row) => string;
  onEdit: (row: Row) => void;
  onDelete: (row: Row) => void;
};

function EditDeleteCell<Row>({ row, table }: CellContext<Row, unknown>) {
  const { t } = useTranslation('fleet');
  const { nameOf, onEdit, onDelete } = table.options.meta as EditDeleteMeta<Row>;
  const name = nameOf(row.original);
  return (
    <RowActions
      actions={[
        {
          text: t('action.edit'),
          name: t('action.editNamed', { name }),
          onClick: () => onEdit(row.original),
        },
        {
          text: t('action.delete'),
          name: t('action.deleteNamed', { name }),
          onClick: () => onDelete(row.original),
        },
      ]}
    />
  );
}

/** The actions column of a table whose rows are edited and deleted (its meta: EditDeleteMeta). */
export function editDeleteColumn<Row>(): ColumnDef<Row, unknown> {
  return { id: 'actions', header: () => <ColumnTitle id="actions" />, cell: EditDeleteCell };
}

/** "Are you sure?": what the action does, then confirm or cancel. */
export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  error,
  isPending,
}: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  error: unknown;
  isPending: boolean;
}) {
  const { t } = useTranslation('fleet');
  return (
    <FleetDialog title={title} onClose={onClose} testId="confirm">
      <p>{body}</p>
      {error ? (
        <p className="form-error" role="alert">
          <ErrorText error={error} />
        </p>
      ) : null}
      <div className="fleet-form-actions">
        <button type="button" onClick={onClose}>
          {t('action.cancel')}
        </button>
        <button type="button" className="danger" onClick={onConfirm} disabled={isPending}>
          {confirmLabel}
        </button>
      </div>
    </FleetDialog>
  );
}

/** A sortable table in a box that scrolls on its own, headers staying in view. */
export function FleetTable<Row>({
  table,
  testId,
  rowProps,
}: {
  table: Table<Row>;
  testId: string;
  rowProps?: (row: Row) => Record<string, string>;
}) {
  return (
    <div className="fleet-scroll" data-testid={testId}>
      <table className="data-table fleet-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader key={header.id} header={header} buttonClassName="fleet-sort" />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} {...rowProps?.(row.original)}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A column's title from `fleet:column.<id>`. */
export function ColumnTitle({ id }: { id: string }) {
  const { t } = useTranslation('fleet');
  return <>{t(`column.${id}`)}</>;
}
