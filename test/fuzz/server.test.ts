// A short fuzz run through the built language server over stdio: part of `npm test`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { SHORT_SCALE, fuzzInput } from './arbitraries';
import { ServerFuzz } from './server-check';

describe('fuzz: the language server never crashes, hangs or publishes a range outside the document', function () {
  this.timeout(120_000);
  let dir: string;
  let server: ServerFuzz;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-fuzz-lsp-'));
    server = await ServerFuzz.start(dir);
  });
  after(() => {
    server?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('on mutated and hostile templates and handlers, opened and edited', async () => {
    await fc.assert(
      fc.asyncProperty(fuzzInput(SHORT_SCALE), (input) => server.check(input)),
      { numRuns: 40 },
    );
    await server.stop();
  });
});
