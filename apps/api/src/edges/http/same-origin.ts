import type { RequestHandler } from 'express';
import { HarborError } from '../../core/errors.ts';
import { answerError } from './error-answers.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type SameOriginOptions = {
  /** Other origins whose pages may send state-changing requests (`https://admin.example.com`). */
  allowedOrigins: readonly string[];
  /** Routes authenticated by an API key header, never by the cookie: no browser sends it alone. */
  exemptPrefixes: readonly string[];
};

/**
 * Refuses (403) a state-changing request (POST, PUT, PATCH, DELETE) sent from another site's
 * page: one whose Origin header, or lacking it its Referer, names a host other than the one
 * it was sent to (the Host header) and is not in the allow-list. Defence in depth beside the
 * SameSite=Lax session cookie, which a same-site sibling or an old browser may still send.
 * A request with neither header is not a browser's cross-site request and passes (curl,
 * scripts). Hosts are compared, not schemes, as Go's http.CrossOriginProtection does: behind
 * a proxy that ends TLS, Harbor itself is reached over HTTP. Written here because the
 * packages on npm for this are CSRF-token schemes, which the tRPC client does not speak.
 */
export function refuseCrossOriginWrites(options: SameOriginOptions): RequestHandler {
  const allowed = new Set(options.allowedOrigins);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (options.exemptPrefixes.some((prefix) => req.path.startsWith(prefix))) return next();
    const claimed = req.get('origin') ?? req.get('referer');
    if (claimed === undefined) return next();
    const origin = originOf(claimed);
    if (
      origin !== null &&
      (origin.host === req.get('host')?.toLowerCase() || allowed.has(origin.origin))
    )
      return next();
    const refused = origin?.origin ?? claimed;
    answerError(
      res,
      new HarborError(
        'forbidden',
        'request.cross-origin',
        `cross-origin request refused: ${refused} is not this server (HARBOR_ALLOWED_ORIGINS lists the others allowed)`,
        { params: { origin: refused } },
      ),
    );
  };
}

/** The origin of an Origin or Referer header; null for `null` (sandboxed pages) or garbage. */
function originOf(header: string): { origin: string; host: string } | null {
  try {
    const url = new URL(header);
    return url.origin === 'null' ? null : { origin: url.origin, host: url.host };
  } catch {
    return null;
  }
}
