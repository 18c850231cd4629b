/** The course module's defense-in-depth picture (the castle) and its concept analogies. */
import type { Layer } from '../engine/rule';
import { LAYERS } from '../engine/rule';

export interface LayerInfo {
  layer: Layer;
  castlePart: string;
  services: string;
  summary: string;
}

/** Outermost first: an attacker has to get through every one of them. */
export const LAYER_INFO: Record<Layer, LayerInfo> = {
  Edge: {
    layer: 'Edge',
    castlePart: 'the moat',
    services: 'CloudFront, AWS WAF, Shield',
    summary: 'Filters floods, bots and known attack patterns (SQL injection, XSS) before a request reaches the API.',
  },
  API: {
    layer: 'API',
    castlePart: 'the walls and the gate',
    services: 'API Gateway authorizers (JWT, Cognito, Lambda, IAM), throttling, request validation',
    summary: 'Decides who may come in, how often, and in what shape their requests must be.',
  },
  Lambda: {
    layer: 'Lambda',
    castlePart: 'the guards inside',
    services: 'execution roles with least privilege, resource policies, VPC isolation, code signing, safe code',
    summary: 'Limits what each function can do once a request is inside, so one mistake stays small.',
  },
  Data: {
    layer: 'Data',
    castlePart: 'the vault',
    services: 'KMS encryption at rest, TLS in transit, Secrets Manager',
    summary: 'Keeps data and credentials unreadable and unusable even to someone who got this far.',
  },
  Audit: {
    layer: 'Audit',
    castlePart: 'the security cameras',
    services: 'CloudTrail, AWS Config, X-Ray, access logs, EventBridge auto-remediation',
    summary: 'Records who did what, when and from where, and raises the alarm when something changes.',
  },
};

/** "Edge → API → **Lambda** → Data → Audit" with the given layer in bold. */
export function layerTrail(layer: Layer | null): string {
  return LAYERS.map((l) => (l === layer ? `**${l}**` : l)).join(' → ');
}

/** Concepts worth a hover even where nothing is wrong. */
export const CONCEPTS: Record<string, { title: string; text: string }> = {
  executionRole: {
    title: 'Execution role: the function\'s badge',
    text: 'The execution role is what the function itself may do (outbound): which tables, buckets and queues its badge opens. Give each function its own role with only the actions its code calls.',
  },
  resourcePolicy: {
    title: 'Resource policy: the visitor list',
    text: 'A resource policy says who may call the function (inbound): API Gateway, S3, another account. It is the visitor list at the door; it must never say "anyone", and a service entry should name its source (SourceArn/SourceAccount).',
  },
  authorizer: {
    title: 'Authorizers: checking who is at the door',
    text: 'A JWT authorizer is showing your ID at the door; a Lambda authorizer is calling your boss to confirm you work here; IAM auth is your badge opening the door automatically. A route without one lets anybody in.',
  },
  functionUrl: {
    title: 'Function URL: a door straight into the function',
    text: 'A function URL bypasses API Gateway and with it WAF, throttling and authorizers. With AuthType NONE anybody on the internet can call it; AWS_IAM requires signed requests.',
  },
  kmsKey: {
    title: 'KMS key: the key to the vault',
    text: 'Data at rest is encrypted with a KMS key. The AWS owned default key protects against lost disks; a customer managed key also lets you decide, and audit, who may decrypt.',
  },
  sharedResponsibility: {
    title: 'Shared responsibility: the apartment building',
    text: 'AWS runs the building: hardware, the execution environment, OS patching. You lock your own door: your code, its dependencies, IAM, encryption settings and who may call your APIs.',
  },
};
