import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Which test files take longest, by kind, longest first: the browser tests (a Chromium each,
 * 50-160 s a file), then files that start whole Harbor processes or play simulated hours,
 * then the ones that make databases. The rest take a second or two.
 */
const LONG_FIRST: readonly ((spec: TestSpecification) => boolean)[] = [
  (spec) => spec.project.name === 'web-e2e',
  (spec) => /\.e2e\.test\.ts$|port-scenario\.int\.test\.ts$/.test(spec.moduleId),
  (spec) => /\.int\.test\.ts$/.test(spec.moduleId),
];

const rankOf = (spec: TestSpecification): number => {
  const rank = LONG_FIRST.findIndex((isLong) => isLong(spec));
  return rank === -1 ? LONG_FIRST.length : rank;
};

/**
 * Long files first, across projects. Vitest's own order runs one project after another (the
 * browser project, last by name, then ran alone at the end on a 2-core machine that two
 * workers share) and, without the duration cache a fresh clone lacks, larger files first.
 * Started first, the long files overlap the many short ones instead of ending the run alone.
 * Within a rank, the base order decides (cached durations where there are, else size).
 */
export class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // Array sort is stable: within a rank the base order stays.
    return (await super.sort(files)).sort((a, b) => rankOf(a) - rankOf(b));
  }
}
