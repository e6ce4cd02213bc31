/**
 * How many connections the kernel may queue before the gateway accepts them (capped by
 * `net.core.somaxconn`). Node's default of 511 is too short for a fleet: after a restart or a
 * network outage every terminal dials in within the same second, and connections beyond the
 * queue are reset, leaving trucks to retry with back-off.
 */
export const LISTEN_BACKLOG = 8192;
