import type { Db } from '@harbor/db';
import { IdSchema } from '@harbor/shared';
import { Router } from 'express';
import type { Clock } from '../../core/clock.ts';
import { HarborError } from '../../core/errors.ts';
import { readDeliveryPhotoFile } from '../../domains/dispatch/delivery-photos.ts';
import { readMediaFile } from '../../domains/vehicles/media.ts';
import { sessionUserOf } from './cookie-session.ts';
import { answerError } from './error-answers.ts';

/**
 * `GET /media/:id`: a photo or recording a terminal uploaded, to a logged-in user who may see
 * it (`vehicles.media` lists them with this address); `GET /media/delivery/:id`: a photo a
 * driver's phone uploaded for a job, to those who see the job (`dispatch.get` lists them).
 * Mounted after cookieParser.
 */
export function createMediaRouter(deps: { db: Db; now: Clock }): Router {
  const router = Router();
  router.get('/media/delivery/:id', async (req, res, next) => {
    try {
      const user = await sessionUserOf(deps, req);
      if (!user) {
        answerError(res, new HarborError('unauthenticated', 'auth.login-required', 'log in first'));
        return;
      }
      const id = IdSchema.safeParse(req.params.id);
      if (!id.success) throw new HarborError('not-found', 'media.not-found', 'no such photo');
      const file = await readDeliveryPhotoFile(deps, user, id.data);
      res
        .status(200)
        .type('image/jpeg')
        .set('Cache-Control', 'private, max-age=86400, immutable')
        .set('Last-Modified', file.uploadedAt.toUTCString())
        .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
    } catch (error) {
      next(error);
    }
  });
  router.get('/media/:id', async (req, res, next) => {
    try {
      const user = await sessionUserOf(deps, req);
      if (!user) {
        answerError(res, new HarborError('unauthenticated', 'auth.login-required', 'log in first'));
        return;
      }
      const id = IdSchema.safeParse(req.params.id);
      if (!id.success) throw new HarborError('not-found', 'media.not-found', 'no such media');
      const file = await readMediaFile(deps, user, id.data);
      res
        .status(200)
        .type(file.contentType)
        // Never changes once stored; private, as it is only for this user's session.
        .set('Cache-Control', 'private, max-age=86400, immutable')
        .set('Last-Modified', file.takenAt.toUTCString())
        .send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
