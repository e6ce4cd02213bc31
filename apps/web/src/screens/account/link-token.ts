/** The logged-out pages a one-time link opens, by what the link is for. */
export const LINK_PATHS = {
  invitation: '/accept-invitation',
  passwordReset: '/reset-password',
} as const;

/**
 * The link an administrator passes on. The token travels in the fragment (`#token=`), which
 * the browser never sends to a server, so it stays out of access logs and Referer headers.
 */
export function linkFor(kind: keyof typeof LINK_PATHS, token: string, origin: string): string {
  return `${origin}${LINK_PATHS[kind]}#token=${encodeURIComponent(token)}`;
}

/** The token of the link a page was opened with: from the fragment, or a `?token=` query. */
export function tokenOf(location: { hash: string; search: string }): string {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  return (fromHash ?? new URLSearchParams(location.search).get('token') ?? '').trim();
}
