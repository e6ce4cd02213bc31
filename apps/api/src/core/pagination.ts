/**
 * Prisma arguments for one page after `cursor`: one row more than asked tells whether another
 * page exists. `scope` is what the caller may see (`organizationScope(user)`, a vehicle's
 * messages...): Prisma finds the cursor's row without the query's `where`, so a cursor naming
 * another organization's row would start the page at that row's place, telling that it exists
 * and where it sorts, where a made-up id gives an empty page. Scoped, both give an empty page.
 */
export function pageArgs<Scope extends object>(
  input: { cursor?: string | undefined; limit: number },
  /** Always given (`{}` for data every caller sees): a list cannot forget its scope. */
  scope: Scope,
) {
  return {
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { ...scope, id: input.cursor }, skip: 1 } : {}),
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
