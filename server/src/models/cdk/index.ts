/** The AWS CDK model: imports by name, constructs, calls, policy statements and value flow. */
export { cdkModelOf, CdkModel, isFunctionClass } from './model';
export type { Construct, MethodCall, PolicyStmt, StaticCall } from './model';
export { CdkImports, cdkModuleOf } from './imports';
export type { Env, Val, PropHit, PropResult, ElementsResult } from './values';
export { strip } from './values';
