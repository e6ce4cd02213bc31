import { hostname } from 'node:os';
import type { Db } from '@harbor/db';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import type { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
import type { PositionTopic } from '../../domains/positions/live-topics.ts';
import { SupervisionLinks } from '../../domains/supervision/links.ts';
import { Jt809Link } from '../../edges/gateways/jt809-link.ts';

/**
 * The companies' JT/T 809 links to their supervision platforms, held by api processes (they
 * hear every fix): each link by one process at a time, through the lease in its row.
 */
export function startSupervision(deps: {
  db: Db;
  now: Clock;
  logger: Logger;
  positions: PositionTopic;
  messenger: Pick<TerminalMessenger, 'deliver'>;
}): SupervisionLinks {
  const logger = deps.logger.child({ part: 'supervision' });
  const links = new SupervisionLinks({
    ...deps,
    logger,
    open: (settings, events) => new Jt809Link(settings, events, logger),
    ownerId: `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
  });
  links.start();
  return links;
}
