import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** OpenStreetMap's standard tiles, the web admin's default base map (apps/web TileBaseLayer). */
export const OSM_TILE_ORIGIN = 'https://tile.openstreetmap.org';
/** Tianditu's tiles (t0-t7), when the web admin has a Tianditu key (apps/web base-maps.ts). */
export const TIANDITU_TILE_ORIGIN = 'https://*.tianditu.gov.cn';
/** AMap's (Gaode's) public tiles (webrd01-04). */
export const AMAP_TILE_ORIGIN = 'https://*.is.autonavi.com';

export type SecurityHeadersOptions = {
  /**
   * Where the web admin's map tiles come from (`https://tile.openstreetmap.org`, or
   * `https://*.tiles.example.com` for a `{s}` template); null when it shows no tiles.
   */
  tileOrigin: string | null;
  /** The other base maps' tile servers the user may switch to (Tianditu, AMap). */
  baseMapOrigins: readonly string[];
  /** Send Strict-Transport-Security: only when Harbor is reached over HTTPS. */
  hsts: boolean;
};

/**
 * Helmet's headers on every answer, the api's and the web admin's: a Content-Security-Policy
 * that runs only the admin's own scripts and styles (the built index.html has no inline
 * script or style) and shows images from itself and the tile server, talks only to its own
 * origin (tRPC, SSE), may not be framed (`frame-ancestors 'none'`, and X-Frame-Options DENY
 * for older browsers), plus nosniff and a referrer policy that still tells the tile server
 * which site asks (OpenStreetMap's tile policy wants it) but never the path.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        // Leaflet's and the admin's small images are inlined by the build as data: URLs.
        imgSrc: [
          "'self'",
          'data:',
          ...(options.tileOrigin ? [options.tileOrigin] : []),
          ...options.baseMapOrigins,
        ],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Over plain HTTP (the loopback default) browsers ignore it; behind HTTPS it pins HTTPS.
    strictTransportSecurity: options.hsts
      ? { maxAge: 31_536_000, includeSubDomains: false }
      : false,
  });
}
