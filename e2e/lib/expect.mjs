// Waiting on a condition: polls `probe` until `ok(value)` holds, or fails after `timeoutMs` with
// what was last seen, so a failure says what the UI showed instead of "timed out".
export async function expect(probe, ok, what, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  let lastError;
  for (let delay = 50; ; delay = Math.min(delay * 2, 500)) {
    try {
      last = await probe();
      lastError = undefined;
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, delay));
  }
  const seen = lastError ? `error: ${lastError instanceof Error ? lastError.message : lastError}` : JSON.stringify(last, null, 1)?.slice(0, 1500);
  throw new Error(`expected ${what} within ${timeoutMs / 1000} s; last seen: ${seen}`);
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
