// The CLI's report formatters and argument parser on hand-made input, with exact expectations.
import * as assert from 'node:assert/strict';
import { parseArgs, UsageError } from '../../server/src/cli/args';
import { formatJson } from '../../server/src/cli/format-json';
import { FINGERPRINT_KEY, toSarif } from '../../server/src/cli/format-sarif';
import { formatText, summarize, summaryLine } from '../../server/src/cli/format-text';
import { resolveConfig } from '../../server/src/engine/config';
import type { AnalysisResult, Finding, Range } from '../../server/src/engine/finding';
import type { Rule, RuleMeta } from '../../server/src/engine/rule';

/** SARIF is checked as plain data. */
type Sarif = any;

const range = (line: number, character: number, endLine: number, endCharacter: number): Range => ({
  start: { line, character },
  end: { line: endLine, character: endCharacter },
});

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: 'iam-wildcard-action',
    severity: 'error',
    message: 'OrdersFunction allows *',
    file: 'template.yaml',
    range: range(11, 22, 11, 25),
    resource: 'OrdersFunction',
    suppressed: false,
    fixes: [],
    related: [],
    ...over,
  };
}

function meta(over: Partial<RuleMeta>): RuleMeta {
  return {
    id: 'x',
    title: 'X title',
    layer: 'Lambda',
    defaultSeverity: 'error',
    explanation: 'Why X matters.',
    analogy: 'X is like a badge.',
    examples: [],
    fixSummary: 'Narrows X.',
    whenNotToUse: 'Never.',
    ...over,
  };
}

const RULES: Rule[] = [
  { meta: meta({ id: 'iam-wildcard-action', title: 'Wildcard action' }) },
  { meta: meta({ id: 'encryption-default-key', layer: 'Data', defaultSeverity: 'off' }) },
  { meta: meta({ id: 'sql-injection', layer: 'Lambda', defaultSeverity: 'error' }) },
  { meta: meta({ id: 'api-missing-waf', layer: 'Edge', defaultSeverity: 'info' }) },
];

const TEMPLATE = [
  'Resources:', // 0
  '  OrdersFunction:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      Policies:',
  '        - Statement:', // 5
  '            - Effect: Allow',
  "              Action: '*'", // 7
  "              Resource: '*'",
  '            - Effect: Allow',
  "              Action: '*'", // 10
  '',
].join('\n');

const sample: AnalysisResult = {
  findings: [
    finding({ range: range(7, 22, 7, 25) }),
    finding({ range: range(10, 22, 10, 25), suppressed: true, suppressionReason: 'break-glass, SEC-42' }),
    finding({
      ruleId: 'sql-injection',
      file: 'src/orders.ts',
      message: 'SQL built from request data',
      range: range(4, 20, 4, 60),
      resource: null,
      related: [{ file: 'src/orders.ts', range: range(2, 30, 2, 35), message: 'request data enters here' }],
    }),
    finding({ ruleId: 'api-missing-waf', severity: 'info', message: 'No WAF', file: 'src/orders.ts', range: range(9, 0, 9, 4), resource: 'Api' }),
  ],
  errors: [
    { file: 'broken.yaml', kind: 'parse', message: 'Unexpected end of flow sequence\n  A: [\n     ^', range: range(2, 0, 2, 0) },
    { file: 'big.yaml', kind: 'skipped', message: 'skipped: 7.2 KB is over the 1 KB limit (maxFileSizeKB)' },
  ],
};

describe('cli: format-json', () => {
  it('writes the contract shape with 1-based positions and suppression reasons', () => {
    const doc = JSON.parse(formatJson(sample, '9.8.7'));
    assert.deepEqual(doc, {
      tool: 'serverless-guard',
      version: '9.8.7',
      findings: [
        {
          ruleId: 'iam-wildcard-action',
          severity: 'error',
          message: 'OrdersFunction allows *',
          file: 'template.yaml',
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 26,
          resource: 'OrdersFunction',
          suppressed: false,
        },
        {
          ruleId: 'iam-wildcard-action',
          severity: 'error',
          message: 'OrdersFunction allows *',
          file: 'template.yaml',
          line: 11,
          column: 23,
          endLine: 11,
          endColumn: 26,
          resource: 'OrdersFunction',
          suppressed: true,
          suppressionReason: 'break-glass, SEC-42',
        },
        {
          ruleId: 'sql-injection',
          severity: 'error',
          message: 'SQL built from request data',
          file: 'src/orders.ts',
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 61,
          resource: null,
          suppressed: false,
        },
        {
          ruleId: 'api-missing-waf',
          severity: 'info',
          message: 'No WAF',
          file: 'src/orders.ts',
          line: 10,
          column: 1,
          endLine: 10,
          endColumn: 5,
          resource: 'Api',
          suppressed: false,
        },
      ],
      errors: [
        { file: 'broken.yaml', kind: 'parse', message: 'Unexpected end of flow sequence\n  A: [\n     ^', line: 3, column: 1 },
        { file: 'big.yaml', kind: 'skipped', message: 'skipped: 7.2 KB is over the 1 KB limit (maxFileSizeKB)' },
      ],
    });
  });

  it('writes empty arrays for a clean scan', () => {
    assert.equal(formatJson({ findings: [], errors: [] }, '0.1.0'), '{\n  "tool": "serverless-guard",\n  "version": "0.1.0",\n  "findings": [],\n  "errors": []\n}\n');
  });
});

describe('cli: format-sarif', () => {
  const sources = new Map([['template.yaml', TEMPLATE]]);
  const config = resolveConfig({ rules: { 'api-missing-waf': 'warning', 'encryption-default-key': 'error' } });
  const sarif = toSarif(sample, { version: '9.8.7', cwd: '/work/project', rules: RULES, sources, config }) as Sarif;
  const run = sarif.runs[0];

  it('is SARIF 2.1.0 with one run and the driver', () => {
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(sarif.runs.length, 1);
    const { rules, ...driver } = run.tool.driver;
    assert.deepEqual(driver, {
      name: 'Serverless Guard',
      informationUri: 'https://github.com/serverless-guard/serverless-guard',
      version: '9.8.7',
      semanticVersion: '9.8.7',
    });
    assert.equal(rules.length, RULES.length);
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/project/' } });
    assert.equal(run.columnKind, 'utf16CodeUnits');
  });

  it('describes every rule with help, help URI and default level', () => {
    assert.deepEqual(run.tool.driver.rules[0], {
      id: 'iam-wildcard-action',
      name: 'IamWildcardAction',
      shortDescription: { text: 'Wildcard action' },
      fullDescription: { text: 'Why X matters.' },
      help: {
        text: 'Why X matters.\n\nAnalogy: X is like a badge.\n\nFix: Narrows X.',
        markdown:
          'Why X matters.\n\n**Analogy:** X is like a badge.\n\n**Fix:** Narrows X.\n\n[Documentation](https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/iam-wildcard-action.md)',
      },
      helpUri: 'https://github.com/serverless-guard/serverless-guard/blob/main/docs/rules/iam-wildcard-action.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'Lambda'], 'security-severity': '8.0' },
    });
    // 'off' by default: level none, disabled.
    assert.deepEqual(run.tool.driver.rules[1].defaultConfiguration, { level: 'none', enabled: false });
    assert.deepEqual(run.tool.driver.rules[1].properties, { tags: ['security', 'Data'] });
    assert.deepEqual(run.tool.driver.rules[3].defaultConfiguration, { level: 'note' });
  });

  it('writes results with ruleIndex, level, 1-based regions and relative URIs', () => {
    assert.equal(run.results.length, 4);
    const [first, suppressed, sql, waf] = run.results;
    assert.deepEqual(first.locations, [
      {
        physicalLocation: {
          artifactLocation: { uri: 'template.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 8, startColumn: 23, endLine: 8, endColumn: 26 },
        },
      },
    ]);
    assert.equal(first.ruleId, 'iam-wildcard-action');
    assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'iam-wildcard-action');
    assert.equal(first.level, 'error');
    assert.deepEqual(first.message, { text: 'OrdersFunction allows *' });
    assert.deepEqual(first.properties, { resource: 'OrdersFunction' });
    assert.equal(first.suppressions, undefined);
    assert.deepEqual(suppressed.suppressions, [{ kind: 'inSource', justification: 'break-glass, SEC-42' }]);
    assert.equal(sql.ruleIndex, 2);
    assert.equal(run.tool.driver.rules[sql.ruleIndex].id, 'sql-injection');
    assert.equal(sql.properties, undefined);
    assert.deepEqual(sql.relatedLocations, [
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: 'src/orders.ts', uriBaseId: '%SRCROOT%' },
          region: { startLine: 3, startColumn: 31, endLine: 3, endColumn: 36 },
        },
        message: { text: 'request data enters here' },
      },
    ]);
    assert.equal(waf.level, 'note');
    assert.equal(waf.ruleIndex, 3);
  });

  it('fingerprints survive line moves and tell identical lines apart', () => {
    const [first, second] = run.results;
    const fp = (r: { partialFingerprints: Record<string, string> }): string => r.partialFingerprints[FINGERPRINT_KEY];
    assert.match(fp(first), /^[0-9a-f]{32}:1$/);
    // Same rule, file, resource and trimmed line text: same hash, told apart by occurrence.
    assert.equal(fp(second), `${fp(first).slice(0, 32)}:2`);

    const moved = '# a comment that shifts everything down\n\n' + TEMPLATE;
    const shifted = {
      findings: [finding({ range: range(9, 22, 9, 25) })],
      errors: [],
    };
    const again = toSarif(shifted, { version: '1', cwd: '/work/project', rules: RULES, sources: new Map([['template.yaml', moved]]) }) as Sarif;
    assert.equal(fp(again.runs[0].results[0]), fp(first));

    const otherResource = toSarif(
      { findings: [finding({ range: range(7, 22, 7, 25), resource: 'Other' })], errors: [] },
      { version: '1', cwd: '/work/project', rules: RULES, sources },
      ) as Sarif;
    assert.notEqual(fp(otherResource.runs[0].results[0]), fp(first));
  });

  it('reports file errors as tool execution notifications', () => {
    assert.deepEqual(run.invocations, [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          {
            level: 'error',
            message: { text: 'Unexpected end of flow sequence\n  A: [\n     ^' },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: 'broken.yaml', uriBaseId: '%SRCROOT%' },
                  region: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 1 },
                },
              },
            ],
            properties: { kind: 'parse' },
          },
          {
            level: 'warning',
            message: { text: 'skipped: 7.2 KB is over the 1 KB limit (maxFileSizeKB)' },
            locations: [{ physicalLocation: { artifactLocation: { uri: 'big.yaml', uriBaseId: '%SRCROOT%' } } }],
            properties: { kind: 'skipped' },
          },
        ],
        ruleConfigurationOverrides: [
          { descriptor: { id: 'encryption-default-key', index: 1 }, configuration: { level: 'error', enabled: true } },
          { descriptor: { id: 'api-missing-waf', index: 3 }, configuration: { level: 'warning', enabled: true } },
        ],
      },
    ]);
  });

  it('uses absolute file URIs for files outside the source root, and encodes names', () => {
    const outside = toSarif(
      {
        findings: [finding({ file: '/elsewhere/t.yaml' }), finding({ file: 'my app/t #1.yaml' })],
        errors: [{ file: 'x.yaml', kind: 'rule', message: 'rule x failed' }],
      },
      { version: '1', cwd: '/work/project', rules: RULES },
      ) as Sarif;
    const r = outside.runs[0];
    assert.deepEqual(r.results[0].locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/t.yaml' });
    assert.deepEqual(r.results[1].locations[0].physicalLocation.artifactLocation, { uri: 'my%20app/t%20%231.yaml', uriBaseId: '%SRCROOT%' });
    // A rule that threw is the tool failing, not the input.
    assert.equal(r.invocations[0].executionSuccessful, false);
  });
});

describe('cli: format-text', () => {
  it('groups by file, hides suppressed findings, lists errors and ends with the summary', () => {
    const text = formatText(sample, { filesScanned: 4, color: false });
    assert.equal(
      text,
      [
        'template.yaml',
        '  8:23  error  OrdersFunction allows *  iam-wildcard-action',
        '',
        'src/orders.ts',
        '   5:21  error  SQL built from request data  sql-injection',
        '  10:1   info   No WAF                       api-missing-waf',
        '',
        'Could not be analysed:',
        '  broken.yaml:3:1: Unexpected end of flow sequence',
        '  big.yaml: skipped: 7.2 KB is over the 1 KB limit (maxFileSizeKB)',
        '',
        '3 problems (2 errors, 0 warnings, 1 info) in 4 files; 1 suppressed; 2 files could not be analysed',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked', () => {
    const coloured = formatText(sample, { filesScanned: 4, color: true });
    assert.match(coloured, /\x1b\[31merror\x1b\[39m/);
    assert.doesNotMatch(formatText(sample, { filesScanned: 4, color: false }), /\x1b/);
  });

  it('says so when there is nothing to report', () => {
    assert.equal(formatText({ findings: [], errors: [] }, { filesScanned: 1, color: false }), '0 problems (0 errors, 0 warnings, 0 infos) in 1 file; 0 files could not be analysed\n');
    assert.equal(
      summaryLine(summarize({ findings: [finding({ severity: 'warning' })], errors: [] }, 2)),
      '1 problem (0 errors, 1 warning, 0 infos) in 2 files; 0 files could not be analysed',
    );
  });
});

describe('cli: args', () => {
  const scan = (...argv: string[]) => {
    const c = parseArgs(argv);
    assert.equal(c.kind, 'scan');
    return (c as Extract<typeof c, { kind: 'scan' }>).options;
  };
  const usageError = (argv: string[], message: RegExp): void => {
    assert.throws(() => parseArgs(argv), (e: unknown) => e instanceof UsageError && message.test(e.message));
  };

  it('has defaults', () => {
    assert.deepEqual(scan('scan'), { paths: ['.'], format: 'text', output: undefined, failOn: 'error', config: undefined, inlineSuppressions: true });
  });

  it('takes values after a space or an equals sign, flags anywhere', () => {
    assert.deepEqual(scan('scan', 'a', '--format=json', 'b', '--output', 'r.json', '--fail-on=warning', '--config', 'c.json', '--no-inline-suppressions'), {
      paths: ['a', 'b'],
      format: 'json',
      output: 'r.json',
      failOn: 'warning',
      config: 'c.json',
      inlineSuppressions: false,
    });
    assert.deepEqual(scan('scan', '--format', 'sarif', '--', '--odd-name').paths, ['--odd-name']);
  });

  it('knows help and version', () => {
    assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['scan', '-h']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
  });

  it('rejects bad usage with a clear message', () => {
    usageError([], /missing command/);
    usageError(['check'], /unknown command 'check'/);
    usageError(['scan', '--fromat', 'json'], /unknown option '--fromat' \(did you mean '--format'\?\)/);
    usageError(['scan', '-x'], /unknown option '-x'/);
    usageError(['scan', '--format'], /'--format' needs a value/);
    usageError(['scan', '--output', '--format', 'json'], /'--output' needs a value/);
    usageError(['scan', '--format='], /'--format' needs a value/);
    usageError(['scan', '--format', 'xml'], /unknown format 'xml'/);
    usageError(['scan', '--fail-on', 'critical'], /unknown severity 'critical' for --fail-on/);
    usageError(['scan', '--no-inline-suppressions=yes'], /takes no value/);
  });
});
