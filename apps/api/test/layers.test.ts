import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The layer rule of docs/architecture.md, checked over the import graph of src/ with the
// rules in .dependency-cruiser.cjs (run from the package's folder, as `pnpm layers` does).
describe("the api's layers", () => {
  let result: ICruiseResult;
  const cwd = process.cwd();
  beforeAll(async () => {
    // The rules name paths from the package's folder.
    process.chdir(new URL('..', import.meta.url).pathname);
    const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
    const tsConfig = extractTSConfig('tsconfig.json');
    const cruised = await cruise(['src'], options, {}, { tsConfig });
    result = cruised.output as ICruiseResult;
  });
  afterAll(() => process.chdir(cwd));

  it('has every layer in the graph it checks', () => {
    const folders = new Set(result.modules.map((m) => m.source.split('/')[1]));
    for (const layer of ['runtime', 'edges', 'domains', 'pipeline', 'core'])
      expect(folders).toContain(layer);
  });

  it('has no import from a lower layer to a higher one', () => {
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
    expect(violations).toEqual([]);
  });
});
