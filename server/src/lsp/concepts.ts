/**
 * Which security concept a position points at, read from the parsed model (a template key or
 * type, a CDK method call), so a hover can teach it even where nothing is wrong.
 */
import * as ts from 'typescript';
import type { Layer } from '../engine/rule';
import type { ParsedFile } from '../engine/workspace';
import { CONCEPTS } from '../knowledge/layers';
import type { MapEntry, TNode } from '../models/template/nodes';
import { isMap, isScalar, isSeq } from '../models/template/nodes';

export type ConceptId = keyof typeof CONCEPTS;

/** The defense-in-depth layer each concept belongs to; null for the building-wide picture. */
export const CONCEPT_LAYER: Record<ConceptId, Layer | null> = {
  executionRole: 'Lambda',
  resourcePolicy: 'Lambda',
  authorizer: 'API',
  functionUrl: 'API',
  kmsKey: 'Data',
  sharedResponsibility: null,
};

/** Template keys that name a concept, wherever they appear inside a resource or Globals. */
const TEMPLATE_KEYS: Record<string, ConceptId> = {
  Policies: 'executionRole',
  Role: 'executionRole',
  Auth: 'authorizer',
  Authorizers: 'authorizer',
  DefaultAuthorizer: 'authorizer',
  FunctionUrlConfig: 'functionUrl',
  KmsKeyArn: 'kmsKey',
  KmsMasterKeyId: 'kmsKey',
  KMSMasterKeyID: 'kmsKey',
  Runtime: 'sharedResponsibility',
};

/** Resource types (the value of `Type`) that are a concept of their own. */
const TEMPLATE_TYPES: Record<string, ConceptId> = {
  'AWS::Lambda::Permission': 'resourcePolicy',
  'AWS::Lambda::Url': 'functionUrl',
};

/** CDK methods that grant or open something. */
const CDK_METHODS: Record<string, ConceptId> = {
  addToRolePolicy: 'executionRole',
  addPermission: 'resourcePolicy',
  grantInvoke: 'resourcePolicy',
  addFunctionUrl: 'functionUrl',
};

export interface ConceptHit {
  concept: ConceptId;
  /** Offsets of the word the hover is over. */
  start: number;
  end: number;
}

function within(offset: number, start: number, end: number): boolean {
  return offset >= start && offset <= end;
}

/** The map entry (at any depth) whose key or value holds `offset`, innermost first. */
function entriesAt(node: TNode, offset: number, out: MapEntry[]): void {
  if (!within(offset, node.start, node.end)) return;
  if (isMap(node)) {
    for (const e of node.entries) {
      if (within(offset, e.keyStart, e.keyEnd) || within(offset, e.value.start, e.value.end)) {
        out.push(e);
        entriesAt(e.value, offset, out);
        return;
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (within(offset, item.start, item.end)) {
        entriesAt(item, offset, out);
        return;
      }
    }
  }
}

function templateConcept(root: TNode, offset: number): ConceptHit | undefined {
  const path: MapEntry[] = [];
  entriesAt(root, offset, path);
  // Only inside Resources and Globals: `Role` in Outputs or Parameters is a name, not a badge.
  if (path.length === 0 || (path[0].key !== 'Resources' && path[0].key !== 'Globals')) return undefined;
  const last = path[path.length - 1];
  if (within(offset, last.keyStart, last.keyEnd)) {
    const concept = TEMPLATE_KEYS[last.key];
    // Resource ids and Globals sections are names the user chose, not the keys CloudFormation defines.
    if (concept && path.length > 2) return { concept, start: last.keyStart, end: last.keyEnd };
    return undefined;
  }
  if (last.key === 'Type' && path.length === 3 && path[0].key === 'Resources' && isScalar(last.value)) {
    const concept = TEMPLATE_TYPES[String(last.value.value)];
    if (concept) return { concept, start: last.value.start, end: last.value.end };
  }
  return undefined;
}

/** True when the file imports the CDK: the method names alone are too common to trust. */
function importsCdk(sf: ts.SourceFile): boolean {
  for (const st of sf.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(st)) spec = st.moduleSpecifier;
    else if (ts.isImportEqualsDeclaration(st) && ts.isExternalModuleReference(st.moduleReference)) spec = st.moduleReference.expression;
    if (spec && ts.isStringLiteral(spec) && isCdkModule(spec.text)) return true;
  }
  // CommonJS: require('aws-cdk-lib') anywhere at the top level.
  return /require\(\s*['"](aws-cdk-lib|@aws-cdk\/)/.test(sf.text);
}

export function isCdkModule(name: string): boolean {
  return name === 'aws-cdk-lib' || name.startsWith('aws-cdk-lib/') || name.startsWith('@aws-cdk/');
}

function codeConcept(sf: ts.SourceFile, offset: number): ConceptHit | undefined {
  if (!importsCdk(sf)) return undefined;
  let hit: ConceptHit | undefined;
  const visit = (node: ts.Node): void => {
    if (hit || offset < node.getFullStart() || offset > node.getEnd()) return;
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name;
      const concept = CDK_METHODS[name.text];
      if (concept && within(offset, name.getStart(sf), name.getEnd())) {
        hit = { concept, start: name.getStart(sf), end: name.getEnd() };
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hit;
}

/** The concept at `offset` in a parsed file, if the word there names one. */
export function conceptAt(file: ParsedFile, offset: number): ConceptHit | undefined {
  if (file.kind === 'template') return templateConcept(file.model.root, offset);
  if (file.kind === 'code') return codeConcept(file.model.sourceFile, offset);
  return undefined;
}
