/** A parsed CloudFormation/SAM template: its tree, its resources, and whether it is a template at all. */
import type { LineIndex } from '../../engine/text';
import type { MapEntry, MapNode, TNode } from './nodes';

export interface TemplateResource {
  /** The logical id, as written. */
  id: string;
  /** The key's entry in `Resources`; `entry.keyStart`..`entry.keyEnd` is where a missing-thing finding lands. */
  entry: MapEntry;
  type: string;
  /** `Properties`, or undefined when absent. */
  properties: MapNode | undefined;
  node: MapNode;
}

export interface TemplateModel {
  kind: 'template';
  format: 'yaml' | 'json';
  root: MapNode;
  /** True when `Transform` names `AWS::Serverless-2016-10-31` (string or list). */
  isSam: boolean;
  resources: TemplateResource[];
  lines: LineIndex;
}

/** Why a YAML/JSON document is or is not taken as a template. */
export type TemplateDetection = { template: true } | { template: false; reason: string };

export type { TNode };
