import type { DispatchJob } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { fromLocalInput, jobMatchesSearch } from './format.ts';

const job = { reference: 'DH-2026/0042', containerNumber: 'CSQU3054383' } as Pick<
  DispatchJob,
  'reference' | 'containerNumber'
>;
const matches = (search: string) => jobMatchesSearch(job as DispatchJob, search);

describe('the board text filter', () => {
  it('matches part of the reference in any case', () => {
    expect(matches('dh-2026')).toBe(true);
    expect(matches('0042')).toBe(true);
    expect(matches('DH-2027')).toBe(false);
  });

  it('matches the container number ignoring spaces, dashes and case', () => {
    expect(matches('csqu 305438')).toBe(true);
    expect(matches('CSQU-3054383')).toBe(true);
    expect(matches('MSKU')).toBe(false);
  });

  it('matches everything when blank, and nothing by container for a job without one', () => {
    expect(matches('  ')).toBe(true);
    expect(jobMatchesSearch({ ...job, containerNumber: null } as DispatchJob, 'CSQU')).toBe(false);
  });
});

describe('datetime-local values', () => {
  it('reads a local time as UTC ISO and refuses blanks', () => {
    expect(fromLocalInput('')).toBe('');
    expect(fromLocalInput('nonsense')).toBe('');
    expect(fromLocalInput('2026-11-26T09:00')).toBe(new Date(2026, 10, 26, 9, 0).toISOString());
  });
});
