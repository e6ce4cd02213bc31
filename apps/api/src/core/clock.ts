/** Harbor's clock: the wall clock, or a simulated one for a test that plays hours in seconds. */
export type Clock = () => Date;

export const wallClock: Clock = () => new Date();
