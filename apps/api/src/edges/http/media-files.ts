import type { Db } from '@harbor/db';
import { IdSchema, type SessionUser } from '@harbor/shared';
import { type RequestHandler, Router } from 'express';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { readDeliveryPhotoFile } from '../../domains/dispatch/delivery-photos.ts';
import { readMediaFile } from '../../domains/vehicles/media.ts';
import { sessionUserOf } from './cookie-session.ts';
import { answerError } from './error-answers.ts';

type Deps = { db: Db; now: Clock };

/** A stored file as it is served: its bytes, type and when it was made. */
type ServedFile = { data: Uint8Array; contentType: string; madeAt: Date };

/**
 * `GET /media/:id`: a photo or recording a terminal uploaded, to a logged-in user who may see
 * it (`vehicles.media` lists them with this address); `GET /media/delivery/:id`: a photo a
 * driver's phone uploaded for a job, to those who see the job (`dispatch.get` lists them).
 * Mounted after cookieParser.
 */
export function createMediaRouter(deps: Deps): Router {
  const router = Router();
  router.get(
    '/media/delivery/:id',
    serveFile(deps, async (user, id) => {
      const file = await readDeliveryPhotoFile(deps, user, id);
      return { data: file.data, contentType: 'image/jpeg', madeAt: file.uploadedAt };
    }),
  );
  router.get(
    '/media/:id',
    serveFile(deps, async (user, id) => {
      const file = await readMediaFile(deps, user, id);
      return { data: file.data, contentType: file.contentType, madeAt: file.takenAt };
    }),
  );
  return router;
}

/**
 * One file by its id to the logged-in user `read` lets see it: 401 without a session, 404 for
 * an id that is not one (or a file the reader refuses, as it says).
 */
function serveFile(
  deps: Deps,
  read: (user: SessionUser, id: string) => Promise<ServedFile>,
): RequestHandler {
  return async (req, res, next) => {
    try {
      const user = await sessionUserOf(deps, req);
      if (!user) {
        answerError(res, new HarborError('unauthenticated', 'auth.login-required', 'log in first'));
        return;
      }
      const id = IdSchema.safeParse(req.params.id);
      if (!id.success) throw new HarborError('not-found', 'media.not-found', 'no such media');
      const file = await read(user, id.data);
      res
        .status(200)
        .type(file.contentType)
        // Never changes once stored; private, as it is only for this user's session.
        .set('Cache-Control', 'private, max-age=86400, immutable')
        .set('Last-Modified', file.madeAt.toUTCString())
        .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
    } catch (error) {
      next(error);
    }
  };
}
