/** Prisma arguments for one page after `cursor`: one row more than asked tells whether another page exists. */
export function pageArgs(input: { cursor?: string | undefined; limit: number }) {
  return {
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  };
}

export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    items: page.map(map),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
