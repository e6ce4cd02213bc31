import type { TimelineOrder } from './timeline.ts';

/** What the tracker keeps in its URL: `?number=CSQU3054383&order=newest&visit=…&block=…`. */
export type ContainersUrlState = {
  number: string;
  order: TimelineOrder;
  visitId: string | null;
  blockId: string | null;
};

export function parseContainersUrl(params: URLSearchParams): ContainersUrlState {
  return {
    number: (params.get('number') ?? '').toUpperCase().replace(/[\s\-/.]/g, ''),
    order: params.get('order') === 'oldest' ? 'oldest' : 'newest',
    visitId: params.get('visit') || null,
    blockId: params.get('block') || null,
  };
}

/** Search params for a state; the default order (newest first) is left out. */
export function containersUrlParams(state: ContainersUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.number) params.set('number', state.number);
  if (state.order !== 'newest') params.set('order', state.order);
  if (state.visitId) params.set('visit', state.visitId);
  if (state.blockId) params.set('block', state.blockId);
  return params;
}
