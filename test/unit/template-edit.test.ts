// Quick-fix edits keep the template's style: CRLF, flow maps, one-line JSON, and always parse.
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';
import { parseTemplate } from '../../server/src/models/template/parse';
import type { TemplateModel } from '../../server/src/models/template/model';
import { getPath } from '../../server/src/models/template/nodes';
import type { MapNode, SeqNode } from '../../server/src/models/template/nodes';
import { TemplateEditor, getAtt, ref, sub } from '../../server/src/rules/shared/template-edit';
import type { Edit } from '../../server/src/rules/shared/template-edit';
import { yamlScalar } from '../../server/src/rules/shared/fix-text';
import { parse as parseYaml } from 'yaml';

function model(text: string, format: 'yaml' | 'json' = 'yaml'): TemplateModel {
  const r = parseTemplate(text, format, new LineIndex(text));
  assert.equal(r.kind, 'template', JSON.stringify(r));
  return (r as { model: TemplateModel }).model;
}

function apply(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

describe('template edits', () => {
  it('adds to a block map with CRLF line endings, keeping them', () => {
    const text = 'Resources:\r\n  T:\r\n    Type: AWS::SNS::Topic\r\n    Properties:\r\n      TopicName: t\r\n';
    const m = model(text);
    const out = apply(text, new TemplateEditor(text, m).addToMap(getPath(m.root, 'Resources', 'T', 'Properties') as MapNode, { KmsMasterKeyId: 'alias/aws/sns' }));
    assert.equal(out, 'Resources:\r\n  T:\r\n    Type: AWS::SNS::Topic\r\n    Properties:\r\n      TopicName: t\r\n      KmsMasterKeyId: alias/aws/sns\r\n');
    model(out);
  });

  it('adds to a YAML flow map and a flow sequence in flow style, with short-form intrinsics', () => {
    const text = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: { Runtime: nodejs20.x }\n  P:\n    Type: AWS::IAM::Policy\n    Properties: { PolicyDocument: { Statement: [] } }\n";
    const m = model(text);
    const ed = new TemplateEditor(text, m);
    const props = getPath(m.root, 'Resources', 'F', 'Properties') as MapNode;
    const seq = getPath(m.root, 'Resources', 'P', 'Properties', 'PolicyDocument', 'Statement') as SeqNode;
    let out = apply(text, ed.addToSeq(seq, { Effect: 'Allow', Resource: [getAtt('T', 'Arn'), sub('${T.Arn}/*')] }));
    out = apply(out, ed.addToMap(props, { TracingConfig: { Mode: 'Active' }, Role: ref('R') }));
    assert.equal(
      out,
      "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: { Runtime: nodejs20.x, TracingConfig: { Mode: Active }, Role: !Ref R }\n  P:\n    Type: AWS::IAM::Policy\n    Properties: { PolicyDocument: { Statement: [{ Effect: Allow, Resource: [!GetAtt T.Arn, !Sub '${T.Arn}/*'] }] } }\n",
    );
    const again = model(out);
    assert.equal(getPath(again.root, 'Resources', 'P', 'Properties', 'PolicyDocument', 'Statement')?.kind, 'seq');
  });

  it('keeps a one-line JSON object on one line', () => {
    const text = '{ "Resources": { "T": { "Type": "AWS::SNS::Topic", "Properties": { "TopicName": "t" } } } }';
    const m = model(text, 'json');
    const out = apply(text, new TemplateEditor(text, m).addToMap(getPath(m.root, 'Resources', 'T', 'Properties') as MapNode, { KmsMasterKeyId: 'alias/aws/sns' }));
    assert.equal(out, '{ "Resources": { "T": { "Type": "AWS::SNS::Topic", "Properties": { "TopicName": "t", "KmsMasterKeyId": "alias/aws/sns" } } } }');
    model(out, 'json');
  });

  it('quotes YAML strings that would otherwise read as something else', () => {
    const text = 'Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      A: 1\n';
    const m = model(text);
    const out = apply(text, new TemplateEditor(text, m).addToMap(getPath(m.root, 'Resources', 'T', 'Properties') as MapNode, { V: '2012-10-17', B: 'true', S: '*', C: 'a: b', H: 'x #y' }));
    const props = getPath(model(out).root, 'Resources', 'T', 'Properties') as MapNode;
    assert.deepEqual(props.entries.map((e) => [e.key, (e.value as { value: unknown }).value]), [['A', 1], ['V', '2012-10-17'], ['B', 'true'], ['S', '*'], ['C', 'a: b'], ['H', 'x #y']]);
  });
});

describe('YAML scalars in fixes', () => {
  it('writes a string plain only where YAML reads it back as that string, in block and flow context', () => {
    const cases: [string, string][] = [
      ['dynamodb:GetItem', 'dynamodb:GetItem'],
      ['arn:aws:s3:::reports/*', 'arn:aws:s3:::reports/*'],
      ['- not a list', "'- not a list'"],
      ['{not: a map}', "'{not: a map}'"],
      ['@reserved', "'@reserved'"],
      ['*alias', "'*alias'"],
      ['a, b', "'a, b'"],
      ['key: value', "'key: value'"],
      ['true', "'true'"],
      ['0x1F', "'0x1F'"],
      ['1_000', "'1_000'"],
      ['yes', "'yes'"],
      ['nodejs22.x', 'nodejs22.x'],
      ['.inf', "'.inf'"],
      ["it's", "it's"],
      ["'quoted'", "'''quoted'''"],
      [' padded', "' padded'"],
    ];
    for (const [input, written] of cases) {
      assert.equal(yamlScalar(input), written, input);
      // What was written reads back as the same string, alone and as an item of a flow list.
      assert.deepEqual(parseYaml(`a: ${written}\nb: [${written}, z]\n`), { a: input, b: [input, 'z'] }, input);
    }
  });
});
