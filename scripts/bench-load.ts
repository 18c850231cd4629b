// The load scenario of issue "never crash, never hang" measured: 200 open documents and 1,000
// rapid edits over the LSP against the built server, then the time to settle, the publishes and
// the server's RSS beside the DESIGN.md budget (250 MB). Reports; never fails on a number.
//
//   npm run bench:load [-- --documents N --edits N --debounce MS]
import { runLoad } from '../test/protocol/load-scenario';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

const BUDGET_RSS_MB = 250;

async function main(): Promise<void> {
  const documents = option('documents', 200);
  const edits = option('edits', 1000);
  const debounceMs = option('debounce', 50);
  const r = await runLoad({ documents, edits, debounceMs });
  const stale = r.documents.filter((d) => {
    const mine = r.published.filter((p) => p.uri === d.uri);
    return mine[mine.length - 1]?.version !== d.version;
  }).length;
  const rows: [string, string][] = [
    ['open documents', String(documents)],
    ['rapid edits', String(edits)],
    ['debounce', `${debounceMs} ms`],
    ['publishes after the first edit', String(r.publishedDuringEdits)],
    ['documents whose last publish is stale', String(stale)],
    ['from the first edit to every final version published', `${(r.settleMs / 1000).toFixed(2)} s`],
    ['server RSS (main thread + analysis worker)', `${r.rssMb.toFixed(0)} MB (budget ${BUDGET_RSS_MB} MB: ${r.rssMb <= BUDGET_RSS_MB ? 'within' : 'over'})`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
