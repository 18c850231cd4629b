/**
 * Lambda runtime identifiers and their deprecation dates.
 *
 * Source: "Lambda runtimes" in the AWS Lambda Developer Guide
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), the "Supported runtimes"
 * and "Deprecated runtimes" tables (the "Deprecation date" column), recorded 2026-11-25.
 * Dates of supported runtimes are AWS's projections and move; update this table from the page.
 *
 * `family` groups the runtimes of one language, so a quick fix can offer the newest supported
 * runtime of the same language; the newest supported entry of each family is its successor.
 */
export interface LambdaRuntime {
  id: string;
  family: 'nodejs' | 'python' | 'java' | 'dotnet' | 'ruby' | 'go' | 'provided';
  /** ISO date (YYYY-MM-DD) on which AWS deprecates (or deprecated) the runtime. */
  deprecation: string;
}

export const RECORDED_ON = '2026-11-25';

export const LAMBDA_RUNTIMES: readonly LambdaRuntime[] = [
  // Node.js
  { id: 'nodejs24.x', family: 'nodejs', deprecation: '2028-04-30' },
  { id: 'nodejs22.x', family: 'nodejs', deprecation: '2027-04-30' },
  { id: 'nodejs20.x', family: 'nodejs', deprecation: '2026-04-30' },
  { id: 'nodejs18.x', family: 'nodejs', deprecation: '2025-09-01' },
  { id: 'nodejs16.x', family: 'nodejs', deprecation: '2024-06-12' },
  { id: 'nodejs14.x', family: 'nodejs', deprecation: '2023-12-04' },
  { id: 'nodejs12.x', family: 'nodejs', deprecation: '2023-03-31' },
  { id: 'nodejs10.x', family: 'nodejs', deprecation: '2021-07-30' },
  { id: 'nodejs8.10', family: 'nodejs', deprecation: '2020-03-06' },
  { id: 'nodejs6.10', family: 'nodejs', deprecation: '2019-08-12' },
  { id: 'nodejs4.3', family: 'nodejs', deprecation: '2020-03-05' },
  { id: 'nodejs', family: 'nodejs', deprecation: '2016-10-31' },
  // Python
  { id: 'python3.14', family: 'python', deprecation: '2029-06-30' },
  { id: 'python3.13', family: 'python', deprecation: '2029-06-30' },
  { id: 'python3.12', family: 'python', deprecation: '2028-10-31' },
  { id: 'python3.11', family: 'python', deprecation: '2027-06-30' },
  { id: 'python3.10', family: 'python', deprecation: '2026-06-30' },
  { id: 'python3.9', family: 'python', deprecation: '2025-12-15' },
  { id: 'python3.8', family: 'python', deprecation: '2024-10-14' },
  { id: 'python3.7', family: 'python', deprecation: '2023-12-04' },
  { id: 'python3.6', family: 'python', deprecation: '2022-07-18' },
  { id: 'python2.7', family: 'python', deprecation: '2021-07-15' },
  // Java
  { id: 'java25', family: 'java', deprecation: '2029-06-30' },
  { id: 'java21', family: 'java', deprecation: '2029-06-30' },
  { id: 'java17', family: 'java', deprecation: '2026-06-30' },
  { id: 'java11', family: 'java', deprecation: '2026-06-30' },
  { id: 'java8.al2', family: 'java', deprecation: '2026-06-30' },
  { id: 'java8', family: 'java', deprecation: '2024-01-08' },
  // .NET
  { id: 'dotnet10', family: 'dotnet', deprecation: '2028-11-14' },
  { id: 'dotnet8', family: 'dotnet', deprecation: '2026-11-10' },
  { id: 'dotnet6', family: 'dotnet', deprecation: '2024-12-20' },
  { id: 'dotnetcore3.1', family: 'dotnet', deprecation: '2023-04-03' },
  { id: 'dotnetcore2.1', family: 'dotnet', deprecation: '2022-01-05' },
  // Ruby
  { id: 'ruby3.4', family: 'ruby', deprecation: '2028-03-31' },
  { id: 'ruby3.3', family: 'ruby', deprecation: '2026-03-31' },
  { id: 'ruby3.2', family: 'ruby', deprecation: '2026-03-31' },
  { id: 'ruby2.7', family: 'ruby', deprecation: '2023-12-07' },
  { id: 'ruby2.5', family: 'ruby', deprecation: '2021-07-30' },
  // Go ran on go1.x until 2024; Go (and Rust) now run on the OS-only runtimes.
  { id: 'go1.x', family: 'go', deprecation: '2024-01-08' },
  // OS-only runtimes
  { id: 'provided.al2023', family: 'provided', deprecation: '2029-06-30' },
  { id: 'provided.al2', family: 'provided', deprecation: '2026-06-30' },
  { id: 'provided', family: 'provided', deprecation: '2024-01-08' },
];

const BY_ID = new Map(LAMBDA_RUNTIMES.map((r) => [r.id, r]));

function runtimeInfo(id: string): LambdaRuntime | undefined {
  return BY_ID.get(id);
}

/**
 * The runtime to move to from `id` on `today`: the supported runtime of the same language that
 * AWS supports longest (Go moves to the OS-only runtime).
 */
export function successorOf(id: string, today: string): string | undefined {
  const r = BY_ID.get(id);
  if (!r) return undefined;
  const family = r.family === 'go' ? 'provided' : r.family;
  const candidates = LAMBDA_RUNTIMES.filter((x) => x.family === family && x.deprecation > today && x.id !== id);
  // Later deprecation first; on a tie the first listed (the newest version) wins: sort is stable.
  candidates.sort((a, b) => (a.deprecation < b.deprecation ? 1 : a.deprecation > b.deprecation ? -1 : 0));
  return candidates[0]?.id;
}

/** YYYY-MM-DD of a date, in UTC. */
function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return isoDay(d);
}

export interface RuntimeVerdict {
  message: string;
  /** The runtime to move to, when there is one. */
  next?: string;
  /** 'info' within six months of the date; past it, the rule's own severity. */
  severity?: 'info';
}

/** What to say about `owner` running `id` on `today`: past its deprecation date, within six months of it, or nothing. */
export function judgeRuntime(owner: string, id: string, today: Date): RuntimeVerdict | undefined {
  const info = runtimeInfo(id);
  const day = isoDay(today);
  if (!info || info.deprecation > addMonths(day, 6)) return undefined;
  const next = successorOf(id, day);
  const move = next ? `move to ${next}` : 'move to a supported runtime';
  return info.deprecation <= day
    ? { message: `${owner} runs ${id}, deprecated since ${info.deprecation}: AWS no longer patches it and will block updates — ${move}.`, next }
    : { message: `${owner} runs ${id}, which AWS deprecates on ${info.deprecation} — ${move} before then.`, next, severity: 'info' };
}
