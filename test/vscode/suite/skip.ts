/**
 * Skipping with a reason: mocha's this.skip() takes none, so the reason is kept here and printed
 * by the runner. Kept on globalThis: the entry and each suite are separate bundles.
 */
const KEY = '__serverlessGuardSkipReasons';

export function skipReasons(): Map<string, string> {
  const g = globalThis as unknown as Record<string, Map<string, string> | undefined>;
  return (g[KEY] ??= new Map());
}

export function skipWith(ctx: Mocha.Context, reason: string): never {
  skipReasons().set(ctx.test?.fullTitle() ?? '', reason);
  console.log(`    skipped: ${reason}`);
  ctx.skip();
}
