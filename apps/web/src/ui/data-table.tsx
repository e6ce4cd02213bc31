import { flexRender, type Table } from '@tanstack/react-table';
import './admin.css';
import { SortableHeader } from './sortable-header.tsx';

/**
 * A TanStack table as the administration screens show it: sortable headers, one row per
 * item with its id as `data-row-id`, a caption for screen readers.
 */
export function DataTable<Row>({
  table,
  caption,
  testId,
}: {
  table: Table<Row>;
  caption: string;
  testId: string;
}) {
  return (
    <div className="admin-table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader key={header.id} header={header} buttonClassName="admin-sort" />
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-row-id={row.id}>
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
