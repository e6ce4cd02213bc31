/** A terminal's 0x0001 general answer to a platform message (JT/T 808-2019 §8.1). */
export type TerminalResponse = { replySerial: number; replyMessageId: number; result: number };

/**
 * What the domains need of the live connections to JT/T 808 terminals, wherever a gateway
 * holds them: whether a terminal is online, a text to send (its serial, or null when the
 * terminal is not connected here), and cutting a connection whose binding was reset.
 */
export type TerminalLinks = {
  isOnline(terminalPhone: string): boolean;
  disconnect(terminalPhone: string): boolean;
  sendText(terminalPhone: string, text: string, flags: number): number | null;
};
