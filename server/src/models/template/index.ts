export * from './nodes';
export * from './model';
export { parseTemplate } from './parse';
export type { TemplateParseResult } from './parse';
