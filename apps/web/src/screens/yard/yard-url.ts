/** What the yard view keeps in its URL: `?terminal=YSP4&block=Y01&container=CSQU3054383`. */
export type YardUrlState = {
  terminal: string | null;
  block: string | null;
  container: string | null;
};

function cleanCode(value: string | null): string | null {
  const trimmed = value?.trim().toUpperCase() ?? '';
  return trimmed === '' ? null : trimmed;
}

export function parseYardUrl(params: URLSearchParams): YardUrlState {
  return {
    terminal: cleanCode(params.get('terminal')),
    block: cleanCode(params.get('block')),
    container: cleanCode(params.get('container')?.replace(/[\s\-/.]/g, '') ?? null),
  };
}

/** The search params for a state, in a stable order, leaving out what is not chosen. */
export function yardUrlParams(state: YardUrlState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.terminal) params.set('terminal', state.terminal);
  if (state.block) params.set('block', state.block);
  if (state.container) params.set('container', state.container);
  return params;
}
