import type { RequestHandler } from 'express';
import { limitRequestBodies } from './body-limits.ts';
import { refuseCrossOriginWrites } from './same-origin.ts';
import { OSM_TILE_ORIGIN, securityHeaders } from './security-headers.ts';

export type EdgeOptions = {
  /** Other origins allowed to send state-changing requests (besides the server's own). */
  allowedOrigins?: readonly string[] | undefined;
  /** The map tile server the CSP allows images from; default OpenStreetMap's, null none. */
  tileOrigin?: string | null | undefined;
  /** The other base maps' tile servers (Tianditu, AMap) the CSP allows images from. */
  baseMapOrigins?: readonly string[] | undefined;
  /** Send Strict-Transport-Security (Harbor is reached over HTTPS). */
  hsts: boolean;
};

/** Routes authenticated by an API key header (ingest, DCSA), never by the session cookie. */
const API_KEY_ROUTES = ['/ingest/', '/v2/'];

/**
 * What every request passes before any route: the security headers, the body size limit by
 * Content-Length, and the refusal of cross-origin writes.
 */
export function edgeDefences(options: EdgeOptions): RequestHandler[] {
  return [
    securityHeaders({
      tileOrigin: options.tileOrigin === undefined ? OSM_TILE_ORIGIN : options.tileOrigin,
      baseMapOrigins: options.baseMapOrigins ?? [],
      hsts: options.hsts,
    }),
    limitRequestBodies(),
    refuseCrossOriginWrites({
      allowedOrigins: options.allowedOrigins ?? [],
      exemptPrefixes: API_KEY_ROUTES,
    }),
  ];
}
