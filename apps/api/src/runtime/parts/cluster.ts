import type { Alert, DispatchJobChange } from '@harbor/shared';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { RemoteTerminalLinks } from '../../edges/gateways/remote-terminal-links.ts';
import type { Config, Role } from '../../env.ts';
import { alertCodec, jobChangeCodec } from '../../pipeline/live-codecs.ts';
import {
  ControlChannel,
  type FixRelayIn,
  type FixRelayOut,
  fixRelayIn,
  fixRelayOut,
  liveSubjects,
  RelayedTopic,
} from '../../pipeline/nats-relay.ts';

/**
 * What the processes of one Harbor share over NATS besides the fix stream: the live fan-out
 * (every fix a gateway or the ingest accepted, every alert, every job change, heard by every
 * api process) and the control channel (zones or alert rules changed: trackers reload).
 */
export type Cluster = {
  nc: NatsConnection;
  /** Subjects' prefix: `harbor` for the default stream, else one of the stream's own. */
  prefix: string;
  alerts: RelayedTopic<Alert>;
  jobChanges: RelayedTopic<DispatchJobChange>;
  control: ControlChannel;
  /** Texts and commands to terminals held by other processes' gateways. */
  remote: RemoteTerminalLinks;
  /** Where this process's bus sends what it accepted (gateways, ingest). */
  fixesOut: FixRelayOut;
  /**
   * Fed by the fixes every other process accepted (not this one's own: the relay's connection
   * has no echo); the api's live tap listens (`listenToFixes`).
   */
  listenToFixes(onFixes: Parameters<typeof fixRelayIn>[2]): FixRelayIn;
  /**
   * The relays' counters for /metrics: fixes sent and not sent, and what came in, malformed
   * messages and fixes among it; the alerts' and job changes' relays by name.
   */
  relayStats(): Record<string, number>;
  stop(): Promise<void>;
};

/**
 * The live subjects of one installation: the default stream keeps `harbor.*`; another stream
 * (a test, a second installation on the same NATS) gets its own prefix outside the fix
 * stream's subjects (`harbor.<stream>.>`), so the stream never captures them.
 */
export function clusterPrefix(busStream: string): string {
  return busStream === 'HARBOR_FIXES' ? 'harbor' : `cluster.${busStream}`;
}

export async function startCluster(deps: {
  config: Pick<Config, 'busStream'> & { busUrl: string };
  roles: ReadonlySet<Role>;
  logger: Logger;
}): Promise<Cluster> {
  const { config, roles, logger } = deps;
  const prefix = clusterPrefix(config.busStream);
  const options = {
    servers: config.busUrl,
    name: `harbor-${[...roles].join('-')}-${process.pid}`,
    // Reconnect for as long as it takes: the live path and the control channel resume.
    maxReconnectAttempts: -1,
    // No Error objects made up front for every request (jetstream-fix-bus.ts says why).
    noAsyncTraces: true,
  };
  const nc = await connect(options);
  // The fix relay has a connection of its own, without echo: a process that accepts fixes
  // hands them to its own live tap itself (runtime.ts), and hears from the relay only what
  // the other processes accepted. With echo, each of its own fixes came back through the
  // server to be read and checked again by the process that had it already
  // (docs/benchmarks.md, issue 20).
  const fixesNc = await connect({ ...options, name: `${options.name}-fixes`, noEcho: true }).catch(
    async (error: unknown) => {
      await nc.close();
      throw error;
    },
  );
  const subjects = liveSubjects(prefix);
  const alerts = new RelayedTopic<Alert>(nc, subjects.alerts, alertCodec);
  const jobChanges = new RelayedTopic<DispatchJobChange>(nc, subjects.jobChanges, jobChangeCodec);
  const control = new ControlChannel(nc, { prefix });
  await Promise.all([alerts.ready, jobChanges.ready, control.ready()]);
  const fixesOut = fixRelayOut(fixesNc, subjects);
  const remote = new RemoteTerminalLinks({ nc, subjectPrefix: prefix, logger });
  const listeners: FixRelayIn[] = [];
  logger.info({ prefix, roles: [...roles] }, 'cluster links on NATS ready');
  return {
    nc,
    prefix,
    alerts,
    jobChanges,
    control,
    remote,
    fixesOut,
    listenToFixes(onFixes) {
      const listener = fixRelayIn(fixesNc, subjects, onFixes);
      listeners.push(listener);
      return listener;
    },
    relayStats() {
      const stats: Record<string, number> = {};
      const add = (prefix: string, counts: Record<string, number>) => {
        for (const [name, value] of Object.entries(counts))
          stats[`${prefix}_${name}`] = (stats[`${prefix}_${name}`] ?? 0) + value;
      };
      add('fixes_out', fixesOut.stats());
      for (const listener of listeners) add('fixes_in', listener.stats());
      add('alerts', alerts.stats());
      add('job_changes', jobChanges.stats());
      return stats;
    },
    async stop() {
      await fixesOut.close();
      for (const listener of listeners) listener.close();
      alerts.close();
      jobChanges.close();
      control.close();
      await Promise.all(
        [nc.drain(), fixesNc.drain()].map((drained) => drained.catch(() => undefined)),
      );
    },
  };
}
