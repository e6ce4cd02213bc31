import type { InfiniteData } from '@tanstack/react-query';

/** 40 pages of 500 at most: 20,000 rows, beyond which a screen would need server-side paging. */
export const MAX_PAGES = 40;

/**
 * Every page of a cursor-paged list, one after another (at most `MAX_PAGES`), kept the way
 * React Query keeps an infinite query's pages. A screen that needs a whole list caches it
 * under the procedure's `infiniteQueryKey(input)`: apart from a single page's
 * `queryKey(input)`, and still matched by the procedure's `pathFilter()`.
 */
export async function loadEveryPage<TPage extends { nextCursor: string | null }>(
  loadPage: (cursor: string | undefined) => Promise<TPage>,
): Promise<InfiniteData<TPage, string | null>> {
  const pages: TPage[] = [];
  const pageParams: (string | null)[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await loadPage(cursor);
    pages.push(page);
    pageParams.push(cursor ?? null);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { pages, pageParams };
}

/** The rows of every page in order: the `select` of a query loaded with `loadEveryPage`. */
export function itemsOf<TItem>(data: InfiniteData<{ items: TItem[] }, unknown>): TItem[] {
  return data.pages.flatMap((page) => page.items);
}
