import { flexRender, type Header } from '@tanstack/react-table';

function SortMark({ direction }: { direction: false | 'asc' | 'desc' }) {
  if (!direction) return null;
  return <span aria-hidden="true">{direction === 'asc' ? ' ▲' : ' ▼'}</span>;
}

/**
 * A table's column header: a button that sorts by the column (▲ or ▼ after the title, and
 * `aria-sort` on the cell), or the title alone for a column that does not sort.
 */
export function SortableHeader<Row>({
  header,
  className,
  buttonClassName,
}: {
  header: Header<Row, unknown>;
  className?: string;
  buttonClassName: string;
}) {
  const sorted = header.column.getIsSorted();
  const title = flexRender(header.column.columnDef.header, header.getContext());
  return (
    <th
      className={className}
      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
    >
      {header.column.getCanSort() ? (
        <button
          type="button"
          className={buttonClassName}
          onClick={header.column.getToggleSortingHandler()}
        >
          {title}
          <SortMark direction={sorted} />
        </button>
      ) : (
        title
      )}
    </th>
  );
}
