/**
 * What the fuzzer feeds the engine and the server: realistic seeds mutated (truncations, byte
 * flips, hostile snippets, CRLF, BOM, invalid UTF-8), and inputs built to hurt (deep nesting,
 * alias bombs, huge scalars and keys, every short-form tag in odd places, long concatenations,
 * unbalanced templates, JSX).
 */
import fc from 'fast-check';
import type { Seed } from './seeds';
import { SEEDS, SHORT_TAGS } from './seeds';

export type FuzzInput = Seed;

/** Limits that keep one input affordable; the long run raises them. */
export interface Scale {
  /** Longest generated scalar, key or repetition. */
  huge: number;
  /** Deepest generated nesting. */
  deep: number;
}

export const SHORT_SCALE: Scale = { huge: 20_000, deep: 600 };
export const LONG_SCALE: Scale = { huge: 300_000, deep: 3_000 };

/** Fragments that are each special to YAML, JSON, TypeScript or the suppression comments. */
const HOSTILE_SNIPPETS = [
  ...SHORT_TAGS,
  '!!binary',
  '!!str',
  '!!map',
  '!Unknown',
  '&anchor ',
  '*anchor',
  '*missing',
  '<<: *anchor',
  '? ',
  ': ',
  '- ',
  '|-\n',
  '>+\n',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '%TAG ! tag:x,2024:\n',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\uFEFF',
  '\u0000',
  '\u2028',
  '\uD800',
  '\uDFFF',
  '\uFFFD',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '\\',
  '\\u12',
  '`',
  '${',
  '}`',
  '/*',
  '*/',
  '//',
  '#',
  '<div>',
  '</',
  '/>',
  '<>',
  '=>',
  '(',
  ')',
  ';',
  ',',
  'Resources:',
  'Type: AWS::Serverless::Function',
  '"Fn::Sub": ',
  '{"Ref": ',
  ' serverless-guard-ignore-next-line ',
  ' serverless-guard-ignore sql-injection: because',
  'serverless-guard-ignore-next-line iam-wildcard-action:',
  'event.body',
  '.query(',
  ' + ',
  'Action: "*"',
];

type Mutation = (text: string) => string;

const at = (text: string, n: number): number => (text.length === 0 ? 0 : n % (text.length + 1));

/** One edit to a text. */
function mutation(scale: Scale): fc.Arbitrary<Mutation> {
  return fc.oneof(
    // Truncation, as when a file is being typed or was cut short.
    fc.nat().map((n): Mutation => (t) => t.slice(0, at(t, n))),
    // A character replaced by any code point, including control characters.
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0x10ffff })).map(([n, cp]): Mutation => (t) => {
      const i = at(t, n);
      const c = cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      return t.slice(0, i) + c + t.slice(i + 1);
    }),
    // A hostile fragment inserted.
    fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_SNIPPETS)).map(([n, s]): Mutation => (t) => {
      const i = at(t, n);
      return t.slice(0, i) + s + t.slice(i);
    }),
    // A stretch deleted, or duplicated.
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 400 }), fc.boolean()).map(([n, len, dup]): Mutation => (t) => {
      const i = at(t, n);
      return dup ? t.slice(0, i + len) + t.slice(i, i + len) + t.slice(i + len) : t.slice(0, i) + t.slice(i + len);
    }),
    // Line ends and indentation turned hostile.
    fc.constantFrom<Mutation>(
      (t) => t.replace(/\n/g, '\r\n'),
      (t) => t.replace(/\n/g, '\r'),
      (t) => `\uFEFF${t}`,
      (t) => t.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)),
      (t) => t.replace(/ {2}/, '\t'),
    ),
    // Bytes that are not UTF-8, decoded the way a reader of the file decodes them.
    fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 12 }), fc.constantFrom<BufferEncoding>('utf8', 'latin1')).map(
      ([n, bytes, encoding]): Mutation =>
        (t) => {
          const raw = Buffer.from(t, 'utf8');
          const i = raw.length === 0 ? 0 : n % raw.length;
          return Buffer.concat([raw.subarray(0, i), Buffer.from(bytes), raw.subarray(i)]).toString(encoding);
        },
    ),
    // A huge scalar or key spliced in.
    fc.tuple(fc.nat(), fc.integer({ min: 1_000, max: scale.huge }), fc.constantFrom('A', 'é', '🙂', ' ', '\\', '"', '*')).map(
      ([n, len, ch]): Mutation =>
        (t) => {
          const i = at(t, n);
          return t.slice(0, i) + ch.repeat(len) + t.slice(i);
        },
    ),
  );
}

/** A seed with one to four mutations. */
export function mutatedSeed(scale: Scale): fc.Arbitrary<FuzzInput> {
  return fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation(scale), { minLength: 1, maxLength: 4 })).map(([seed, ms]) => ({
    ...seed,
    text: ms.reduce((t, m) => m(t), seed.text),
  }));
}

const TEMPLATE_HEAD = "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\n";

function yaml(text: string, file = 'template.yaml'): FuzzInput {
  return { file, languageId: 'yaml', text };
}

function code(text: string, file = 'src/handler.ts', languageId = 'typescript'): FuzzInput {
  return { file, languageId, text };
}

/** Inputs built to hurt, each family parametrised by size. */
export function builtToHurt(scale: Scale): fc.Arbitrary<FuzzInput> {
  const depth = fc.integer({ min: 1, max: scale.deep });
  const width = fc.integer({ min: 2, max: 12 });
  const huge = fc.integer({ min: 1, max: scale.huge });
  const tag = fc.constantFrom(...SHORT_TAGS, '!!str', '!!binary', '!Nope');
  return fc.oneof(
    // Deep nesting in every syntax.
    depth.map((d) => yaml(`${TEMPLATE_HEAD}Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties: ${'['.repeat(d)}x${']'.repeat(d)}\n`)),
    depth.map((d) => yaml(`${TEMPLATE_HEAD}Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n${Array.from({ length: d }, (_, i) => `${'  '.repeat(i + 3)}k${i}:`).join('\n')} end\n`)),
    depth.map((d) => ({ file: 'template.json', languageId: 'json', text: `{"Resources":{"R":{"Type":"AWS::S3::Bucket","Properties":${'{"a":'.repeat(d)}1${'}'.repeat(d)}}}}` })),
    depth.map((d) => yaml(`${TEMPLATE_HEAD}Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'!If [c, '.repeat(Math.min(d, 400))}x${', y]'.repeat(Math.min(d, 400))}\n`)),
    depth.map((d) => code(`export const handler = async (event) => ${'('.repeat(d)}event.body${')'.repeat(d)};\n`)),
    depth.map((d) => code(`const q = ${'`${'.repeat(d)}x${'}`'.repeat(d)};\n`, 'src/templates.ts')),
    depth.map((d) => code(`const f = ${'() => '.repeat(d)}1;\nexport const g = ${'[{a: '.repeat(d)}0${'}]'.repeat(d)};\n`)),
    depth.map((d) => code(`export const V = () => ${'<div>'.repeat(d)}{x}${'</div>'.repeat(d)};\n`, 'src/view.tsx', 'typescriptreact')),
    // Anchors and alias bombs ("billion laughs"), and aliases that loop through merge keys.
    fc.tuple(fc.integer({ min: 1, max: 12 }), width).map(([levels, w]) => {
      const lines = ['a0: &a0 [x]'];
      for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: w }, () => `*a${i - 1}`).join(', ')}]`);
      return yaml(`${TEMPLATE_HEAD}Parameters:\n${lines.map((l) => `  ${l}`).join('\n')}\nResources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties: *a${levels}\n`);
    }),
    width.map((w) =>
      yaml(
        `${TEMPLATE_HEAD}Resources:\n  Base: &base\n    Type: AWS::Serverless::Function\n    Properties: &props\n      Handler: a.b\n      Policies: [{ Statement: [{ Effect: Allow, Action: '*', Resource: '*' }] }]\n${Array.from({ length: w }, (_, i) => `  F${i}:\n    <<: *base\n    Properties:\n      <<: [*props, *props]\n`).join('')}`,
      ),
    ),
    // Huge scalars and keys.
    huge.map((n) => yaml(`${TEMPLATE_HEAD}Resources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: ${'q'.repeat(n)}\n`)),
    huge.map((n) => yaml(`${TEMPLATE_HEAD}Resources:\n  ${'K'.repeat(n)}:\n    Type: AWS::SQS::Queue\n`)),
    huge.map((n) => ({ file: 'template.json', languageId: 'json', text: `{"Resources":{"R":{"Type":"AWS::IAM::Policy","Properties":{"PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"${'s'.repeat(n)}:*","Resource":"*"}]}}}}}` })),
    // Every short-form tag in odd places: as keys, on the root, on Resources, stacked, empty.
    fc.tuple(tag, tag, fc.constantFrom('key', 'root', 'resources', 'stacked', 'empty', 'type', 'flow')).map(([t1, t2, place]) => {
      switch (place) {
        case 'key':
          return yaml(`${TEMPLATE_HEAD}Resources:\n  ${t1} R:\n    Type: AWS::S3::Bucket\n  R2:\n    ${t2} Type: AWS::S3::Bucket\n`);
        case 'root':
          return yaml(`${t1}\n${TEMPLATE_HEAD}Resources: {}\n`);
        case 'resources':
          return yaml(`${TEMPLATE_HEAD}Resources: ${t1}\n  R:\n    Type: AWS::S3::Bucket\n`);
        case 'stacked':
          return yaml(`${TEMPLATE_HEAD}Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties:\n      B: ${t1} ${t2} [a, ${t1} b]\n`);
        case 'empty':
          return yaml(`${TEMPLATE_HEAD}Resources:\n  R:\n    Type: ${t1}\n    Properties: ${t2}\n`);
        case 'type':
          return yaml(`${TEMPLATE_HEAD}Resources:\n  R:\n    Type: ${t1} AWS::Serverless::Function\n    Properties:\n      Policies: ${t2} [AdministratorAccess]\n`);
        default:
          return yaml(`${TEMPLATE_HEAD}Resources: { R: { Type: AWS::IAM::Policy, Properties: { PolicyDocument: { Statement: [ { Effect: ${t1} Allow, Action: ${t2} '*', Resource: ${t1} } ] } } } }\n`);
      }
    }),
    // Long concatenations reaching a query, and unbalanced templates.
    fc.integer({ min: 2, max: Math.min(scale.huge, 20_000) }).map((n) =>
      code(`import { Pool } from 'pg';\nconst pool = new Pool();\nexport const handler = async (event) => pool.query("SELECT " ${' + event.body'.repeat(n)});\n`),
    ),
    fc.integer({ min: 1, max: 200 }).map((n) => code(`export const handler = async (event) => db.query(\`SELECT ${'${event.body'.repeat(n)} \`);\n`)),
    fc.integer({ min: 1, max: 200 }).map((n) => code(`const s = \`${'${`'.repeat(n)}\n`)),
    // JSX, complete and broken.
    fc.constantFrom(
      code('export const A = () => <div onClick={() => db.query("x" + event.body)}>{`${a}`}</div>;\n', 'src/a.jsx', 'javascriptreact'),
      code('export const B = () => <div><span></div>;\n', 'src/b.tsx', 'typescriptreact'),
      code('const C = <T,>(x: T) => <>{x}</>;\n', 'src/c.tsx', 'typescriptreact'),
      code('const D = <div {...props} a="</script><script>alert(1)</script>" />;\n', 'src/d.jsx', 'javascriptreact'),
    ),
    // Random text under a template's name, and binary content.
    fc.string({ unit: 'binary', maxLength: 400 }).map((t) => yaml(`${TEMPLATE_HEAD}Resources:\n${t}`)),
    fc.uint8Array({ maxLength: 2_000 }).map((b) => yaml(Buffer.from(b).toString('utf8'), 'template.yml')),
    fc.string({ unit: 'binary-ascii', maxLength: 2_000 }).map((t) => code(t)),
  );
}

/** Everything the fuzzer draws from. */
export function fuzzInput(scale: Scale): fc.Arbitrary<FuzzInput> {
  return fc.oneof({ arbitrary: mutatedSeed(scale), weight: 3 }, { arbitrary: builtToHurt(scale), weight: 2 });
}
