import type { Db } from '@harbor/db';
import { PROOF_PHOTO_MAX_BYTES, ProofPhotoQuery, type ProofPhotoUploaded } from '@harbor/shared';
import { type Request, type RequestHandler, type Response, Router } from 'express';
import type { Clock } from '../../core/clock.ts';
import { fieldDetailsOf, HarborError } from '../../core/errors.ts';
import { jpegFrame } from '../../domains/dispatch/jpeg-frame.ts';
import {
  checkProofUpload,
  proofUploadJob,
  storeDeliveryPhoto,
} from '../../domains/dispatch/proof-links.ts';
import { type FairGate, GateFullError, inTurn, isAbandoned } from '../trpc/fair-gate.ts';
import { clientKeyOf } from '../trpc/fair-scheduling.ts';
import { answerTooLarge, BodyTooLargeError, readBodyBytes } from './body-limits.ts';
import { closedByClient } from './client-gone.ts';
import { answerError } from './error-answers.ts';

type Deps = { db: Db; now: Clock; gate?: FairGate | undefined };

const notJpeg = (why: string) =>
  new HarborError('invalid', 'proof-photo.not-jpeg', `expected a JPEG photo: ${why}`);

/**
 * The driver's phone's side of proof of delivery, without a session: the link's token is the
 * credential (domains/dispatch/proof-links.ts). `GET /api/pod/<token>` the job as the page
 * shows it; `POST /api/pod/<token>/photo[?lat=&lon=]` one photo, `image/jpeg`, up to 8 MB,
 * answered 201 with its id once stored. The database work waits its turn in the fair gate
 * by the client's address, like a login; the photo is read outside it, so a slow phone
 * holds no slot.
 */
export function createProofUploadRouter(deps: Deps): Router {
  const router = Router();
  const inClientsTurn = <T>(req: Request, gone: AbortSignal, task: () => Promise<T>) =>
    inTurn(deps.gate, clientKeyOf({ user: null, client: { ipAddress: req.ip } }), task, gone);

  router.get(
    '/api/pod/:token',
    answered(async (req, res, gone) => {
      const job = await inClientsTurn(req, gone, () =>
        proofUploadJob(deps, String(req.params.token)),
      );
      res.status(200).set('Cache-Control', 'no-store').json(job);
    }),
  );

  router.post(
    '/api/pod/:token/photo',
    answered(async (req, res, gone) => {
      const token = String(req.params.token);
      // Refused before a byte of the photo is read: a dead link, a closed job, a bad query.
      await inClientsTurn(req, gone, () => checkProofUpload(deps, token));
      const position = ProofPhotoQuery.safeParse(req.query);
      if (!position.success)
        throw new HarborError('invalid', 'input.invalid', 'bad position', {
          ...fieldDetailsOf(position.error.issues),
        });
      if (!req.is('image/jpeg')) throw notJpeg('send the photo as image/jpeg');
      let data: Buffer;
      try {
        data = await readBodyBytes(req, PROOF_PHOTO_MAX_BYTES);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return answerTooLarge(res, PROOF_PHOTO_MAX_BYTES);
        throw error;
      }
      if (!jpegFrame(data)) throw notJpeg('the body is not a whole JPEG image');
      const photo = await inClientsTurn(req, gone, () =>
        storeDeliveryPhoto(deps, token, { data, position: position.data }),
      );
      res
        .status(201)
        .set('Cache-Control', 'no-store')
        .json({ id: photo.id } satisfies ProofPhotoUploaded);
    }),
  );
  return router;
}

/**
 * A handler whose errors go to the app's last error handler (a HarborError answered with its
 * status and code), a client with too many calls waiting as 429.
 */
function answered(
  handle: (req: Request, res: Response, gone: AbortSignal) => Promise<void>,
): RequestHandler {
  return (req, res, next) => {
    const gone = closedByClient(res);
    handle(req, res, gone).catch((error: unknown) => {
      // The client left while its request waited its turn: nobody to answer.
      if (isAbandoned(error, gone)) return;
      if (error instanceof GateFullError)
        return answerError(
          res,
          new HarborError('too-many', 'request.too-many-waiting', error.message, { cause: error }),
        );
      next(error);
    });
  };
}
