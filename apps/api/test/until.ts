/**
 * Waits for what the events under test bring about: no deadline of its own (the test's
 * time-out is the limit), so a slow machine only makes it wait longer.
 */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}
