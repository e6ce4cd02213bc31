// What other packages' tests and benchmarks use to drive a real Harbor (`@harbor/api/testing`).
export { type HarborProcess, startHarborProcess } from './harbor-process.ts';
export { nodeClient } from './live-client.ts';
