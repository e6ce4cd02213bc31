import type { Jt808Body } from '@harbor/protocols/jt808';
import type { TerminalMessage } from '@harbor/shared';

/** A terminal's 0x0001 general answer to a platform message (JT/T 808-2019 §8.1). */
export type TerminalResponse = { replySerial: number; replyMessageId: number; result: number };

/**
 * A terminal's answer to a platform command by a message of its own: 0x0201 to a position
 * query (§8.19), 0x0104 to a parameter query (§8.12), 0x0805 to a camera command.
 */
export type CommandAnswer = Extract<Jt808Body, { messageId: 0x0201 | 0x0104 | 0x0805 }>;

/** A platform command to a terminal (what TerminalCommander sends). */
export type CommandBody =
  | { messageId: 0x8201 }
  | Extract<Jt808Body, { messageId: 0x8106 | 0x8103 | 0x8801 | 0x8105 }>;

/**
 * The connections to JT/T 808 terminals that this process's gateway holds: answered at once,
 * from memory. A text's serial, or null when the terminal is not connected here.
 */
export type LocalTerminalLinks = {
  isOnline(terminalPhone: string): boolean;
  disconnect(terminalPhone: string): boolean;
  sendText(terminalPhone: string, text: string, flags: number): number | null;
  /** Sends a command; its serial, or null when the terminal is not connected here. */
  sendCommand(terminalPhone: string, body: CommandBody): number | null;
};

/** What became of a stored message a gateway was asked to deliver. */
export type RemoteDelivery = Pick<TerminalMessage, 'status' | 'serial'>;

/**
 * What the domains need of the live connections to JT/T 808 terminals, wherever a gateway
 * holds them (this process or another): whether a terminal is online, cutting a connection
 * whose binding was reset, and sending a stored message (TerminalMessage) by its id: null
 * when no gateway holds the terminal.
 */
export type TerminalLinks = {
  isOnline(terminalPhone: string): Promise<boolean>;
  disconnect(terminalPhone: string): Promise<boolean>;
  deliver(terminalPhone: string, messageId: string): Promise<RemoteDelivery | null>;
  /** Sends a stored TerminalCommand by its id; its serial, or null when no gateway holds it. */
  command(terminalPhone: string, commandId: string): Promise<number | null>;
};

/**
 * The links the device list and the binding reset use: this process's gateway first (no
 * round trip, and all there is without a bus), then whichever gateway holds the terminal.
 * A reset cuts the terminal everywhere: a stale connection on another gateway goes too.
 */
export function terminalLinksOf(
  local: Pick<LocalTerminalLinks, 'isOnline' | 'disconnect'> | null,
  remote: Pick<TerminalLinks, 'isOnline' | 'disconnect'> | null = null,
): Pick<TerminalLinks, 'isOnline' | 'disconnect'> {
  return {
    isOnline: async (terminalPhone) =>
      (local?.isOnline(terminalPhone) ?? false) ||
      ((await remote?.isOnline(terminalPhone)) ?? false),
    disconnect: async (terminalPhone) => {
      const here = local?.disconnect(terminalPhone) ?? false;
      const there = (await remote?.disconnect(terminalPhone)) ?? false;
      return here || there;
    },
  };
}
