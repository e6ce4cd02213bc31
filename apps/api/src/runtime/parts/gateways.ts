import type { Db } from '@harbor/db';
import type { Fix } from '@harbor/shared';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.ts';
import { TerminalMessenger } from '../../domains/dispatch/messenger.ts';
import type { TerminalCommander } from '../../domains/vehicles/commands.ts';
import type { DeviceDirectory } from '../../domains/vehicles/device-directory.ts';
import { storeMediaUpload } from '../../domains/vehicles/media.ts';
import { AisGateway } from '../../edges/gateways/ais-gateway.ts';
import { Jt808Gateway } from '../../edges/gateways/jt808-gateway.ts';
import type { RemoteTerminalLinks } from '../../edges/gateways/remote-terminal-links.ts';
import { TerminalLinkServer } from '../../edges/gateways/terminal-link-server.ts';
import type { Config } from '../../env.ts';
import type { FixBus } from '../../pipeline/fix-bus.ts';

export type Gateways = {
  jt808: Jt808Gateway;
  ais: AisGateway;
  messenger: TerminalMessenger;
  commander: TerminalCommander;
  jt808Port: number;
  aisPort: number;
  stop(): Promise<void>;
};

/**
 * The JT/T 808 gateway (with the messenger that sends texts to its terminals) and the AIS
 * gateway (TCP, UDP and an upstream feed). Both answer a sender only once the bus says its
 * fixes are durable.
 */
export async function startGateways(deps: {
  config: Pick<Config, 'host' | 'jt808Port' | 'aisPort' | 'aisUpstream'>;
  db: Db;
  devices: DeviceDirectory;
  bus: FixBus;
  now: Clock;
  logger: Logger;
  /**
   * Other processes' texts and commands reach this gateway's terminals over NATS (a cluster);
   * `remote` asks the gateway holding a terminal this one does not.
   */
  /** The process's commander: it sends through this gateway once attached here. */
  commander: TerminalCommander;
  cluster?: { nc: NatsConnection; prefix: string; remote: RemoteTerminalLinks } | null;
}): Promise<Gateways> {
  const { config, db, devices, bus, now, logger, cluster } = deps;
  const publish = (fixes: Fix[]) => bus.publish(fixes);
  const publishNow = (fixes: Fix[], stored: (error?: Error) => void) =>
    bus.publishNow?.(fixes, stored) ?? false;
  const messenger = new TerminalMessenger({ db, now, logger, remote: cluster?.remote });
  const { commander } = deps;
  let linkServer: TerminalLinkServer | null = null;
  const jt808 = new Jt808Gateway({
    devices,
    logger,
    now,
    publish,
    publishNow,
    onAuthenticated: (terminalPhone) => {
      messenger.onAuthenticated(terminalPhone);
      linkServer?.onAuthenticated(terminalPhone);
    },
    onDisconnected: (terminalPhone) => linkServer?.onDisconnected(terminalPhone),
    onTerminalResponse: (terminalPhone, response) => {
      messenger.onTerminalResponse(terminalPhone, response);
      commander.onTerminalResponse(terminalPhone, response);
    },
    onCommandAnswer: (terminalPhone, answer) => commander.onCommandAnswer(terminalPhone, answer),
    storeMedia: (terminalPhone, upload, receivedAt) =>
      storeMediaUpload(db, terminalPhone, upload, receivedAt),
  });
  messenger.attach(jt808);
  commander.attach(jt808);
  if (cluster)
    linkServer = new TerminalLinkServer({
      nc: cluster.nc,
      subjectPrefix: cluster.prefix,
      gateway: jt808,
      messenger,
      commander,
      logger,
    });
  const ais = new AisGateway({ db, logger, now, publish });
  const stop = async () => {
    messenger.stop();
    commander.stop();
    linkServer?.close();
    await jt808.close();
    await ais.close();
  };
  try {
    messenger.start({ everyMs: 30_000, answerWithinMs: 120_000 });
    commander.start({ everyMs: 30_000, answerWithinMs: 120_000 });
    const jt808Port = await jt808.listen(config.jt808Port, config.host);
    logger.info({ port: jt808Port }, 'JT/T 808 gateway listening');
    const aisPort = await ais.listenTcp(config.aisPort, config.host);
    await ais.listenUdp(aisPort, config.host);
    if (config.aisUpstream) ais.connectUpstream(config.aisUpstream.host, config.aisUpstream.port);
    logger.info(
      { port: aisPort, upstream: config.aisUpstream ?? null },
      'AIS gateway listening (TCP and UDP)',
    );
    return { jt808, ais, messenger, commander, jt808Port, aisPort, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
