import type { YardUtilisation } from '@harbor/shared';

/**
 * Where the yard opens: the terminal with the most containers and its fullest block (ties go
 * to the first by code, as the api lists them); null when no terminal has a block.
 */
export function busiestPlace(
  utilisation: YardUtilisation,
): { terminal: string; block: string | null } | null {
  let best: YardUtilisation[number] | null = null;
  for (const terminal of utilisation)
    if (best === null || terminal.containers > best.containers) best = terminal;
  if (!best) return null;
  let block: YardUtilisation[number]['blocks'][number] | null = null;
  for (const item of best.blocks)
    if (block === null || item.containers > block.containers) block = item;
  return { terminal: best.terminalCode, block: block?.code ?? null };
}
