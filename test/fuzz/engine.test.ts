// A short fuzz run through the engine, in the analysis worker and directly: part of `npm test`.
// `npm run fuzz -- --runs N` runs the same properties long (scripts/fuzz.ts).
import fc from 'fast-check';
import { resolveConfig } from '../../server/src/engine/config';
import { AnalysisRunner } from '../../server/src/runner/runner';
import { SHORT_SCALE, builtToHurt, mutatedSeed } from './arbitraries';
import { checkEngine } from './check';

const config = resolveConfig();

describe('fuzz: the engine never crashes, hangs or points outside the document', function () {
  this.timeout(120_000);
  let runner: AnalysisRunner;
  before(() => (runner = new AnalysisRunner()));
  after(() => runner.dispose());

  it('on mutated realistic templates and handlers', () => {
    fc.assert(
      fc.property(mutatedSeed(SHORT_SCALE), (input) => {
        checkEngine(runner, input, config);
      }),
      { numRuns: 100 },
    );
  });

  it('on inputs built to hurt: nesting, alias bombs, huge scalars, odd tags, long concatenations, JSX', () => {
    fc.assert(
      fc.property(builtToHurt(SHORT_SCALE), (input) => {
        checkEngine(runner, input, config);
      }),
      { numRuns: 60 },
    );
  });
});
