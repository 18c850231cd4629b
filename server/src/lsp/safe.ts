/** Guards handlers and timers so an exception on one bad file is logged and the server stays up. */

/** Where problems go: `connection.console` in the server, anything with the same shape in tests. */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
}

function describe(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

/** Logs an exception raised while doing `what`. */
export function logError(logger: Logger, what: string, e: unknown): void {
  try {
    logger.error(`Serverless Guard: ${what} failed: ${describe(e)}`);
  } catch {
    // The connection may already be gone (client exited); there is no one left to tell.
  }
}

/** Runs `fn`; on an exception (thrown or rejected) logs it and returns `fallback`. */
export function guard<A extends unknown[], R>(logger: Logger, what: string, fallback: R, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      logError(logger, what, e);
      return fallback;
    }
  };
}

/** Fire-and-forget: runs async work whose failure must only be logged. */
export function background(logger: Logger, what: string, work: () => Promise<unknown> | unknown): void {
  try {
    const r = work();
    if (r instanceof Promise) r.catch((e: unknown) => logError(logger, what, e));
  } catch (e) {
    logError(logger, what, e);
  }
}
