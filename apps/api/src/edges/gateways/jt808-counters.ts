/** What a gateway counts, for /metrics and the tests. */
export type Jt808Counters = {
  connections: number;
  frames: number;
  badFrames: number;
  unknownDevices: number;
  refusedUnauthenticated: number;
  failedAuthentications: number;
  /** Frames whose header names another phone than the one the connection speaks for. */
  refusedForeignPhone: number;
  /** Registrations of a phone bound to another terminal (0x8100 result 3). */
  refusedRegistrations: number;
  /** Connections closed after too many failed authentications or refused registrations. */
  closedAfterFailures: number;
  /** Connections closed for not authenticating in time. */
  authTimeouts: number;
  /** Older connections closed because the same terminal authenticated again (newest wins). */
  replacedConnections: number;
  fixesPublished: number;
  invalidFixes: number;
  /** Sub-packaged messages put back together, and packages refused (numbering, limits). */
  reassembledMessages: number;
  refusedPackages: number;
  /** Reassembled messages whose body did not decode. */
  badReassembledMessages: number;
  /** Re-send requests for missing packages (0x8003, 0x8800), and messages given up on. */
  packageRequests: number;
  droppedIncompleteMessages: number;
  /** Multimedia uploads (0x0801) stored. */
  mediaStored: number;
  /** Fixes refused for their time: dated minutes or more after they arrived (fix-time.ts). */
  futureFixes: number;
  /**
   * Writes to the terminals' connections: the answers and messages due to a connection in one
   * turn go in one (a commit answers several reports of a terminal at once), so frames ÷
   * writes is how many answers a write carries.
   */
  writes: number;
};

export const newJt808Counters = (): Jt808Counters => ({
  connections: 0,
  frames: 0,
  badFrames: 0,
  unknownDevices: 0,
  refusedUnauthenticated: 0,
  failedAuthentications: 0,
  refusedForeignPhone: 0,
  refusedRegistrations: 0,
  closedAfterFailures: 0,
  authTimeouts: 0,
  replacedConnections: 0,
  fixesPublished: 0,
  invalidFixes: 0,
  reassembledMessages: 0,
  refusedPackages: 0,
  badReassembledMessages: 0,
  packageRequests: 0,
  droppedIncompleteMessages: 0,
  mediaStored: 0,
  futureFixes: 0,
  writes: 0,
});
