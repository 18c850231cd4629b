import * as fs from 'node:fs';
import { analyze } from './server/src/engine/analyze';
import { resolveConfig } from './server/src/engine/config';
import { RULES_BY_ID } from './server/src/rules';
for (const dir of ['examples/orders-api', 'examples/orders-api-fixed']) {
const files = ['template.yaml','src/handlers/get-order.ts','src/handlers/create-order.ts','src/handlers/search-orders.ts'].map(f=>`${dir}/${f}`);
const r = analyze(files.map(f=>({file:f,text:fs.readFileSync(f,'utf8')})), resolveConfig(), {rules:[RULES_BY_ID.get('least-privilege')!]});
console.log(dir, JSON.stringify(r.errors));
for (const f of r.findings) { console.log(f.range.start.line+1, f.message); for (const x of f.fixes) console.log('FIX', x.title, JSON.stringify(x.edits.map(e=>e.newText))); for (const x of f.related) console.log('  REL', x.file, x.range.start.line+1, x.message);}
}
