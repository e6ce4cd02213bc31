/** Runs `once` (which processes `unitsPerRun` units) after a warm-up, for at least `minSeconds`; units per second. */
export function measure(once: () => unknown, unitsPerRun: number, minSeconds = 3): number {
  for (let i = 0; i < 3; i++) once(); // warm up the JIT
  let units = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minSeconds) {
    once();
    units += unitsPerRun;
    elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  }
  return units / elapsed;
}

export const perSecond = (rate: number) => Math.round(rate).toLocaleString('en-US').padStart(12);
