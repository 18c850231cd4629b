/**
 * What least-privilege says, shared by its template and CDK front ends: how a grant's actions
 * divide into broad, unused and serving the calls, the message for a statement, the evidence of
 * a shared role, the calls that could not be read, and the related locations of the calls.
 */
import type { ReportInput } from '../../engine/rule';
import type { WorkspaceIndex } from '../../engine/workspace';
import type { UnresolvedCall } from './aws-calls';
import type { GrantLike, Need } from './function-access';
import { actionMatches, isImplicitAction, listText, needsText, targetLabel } from './function-access';
import { isReadAction } from './sdk-iam-actions';

/** Services whose wildcards only cover what Lambda itself does for the function (logs, traces, VPC). */
const PLATFORM_SERVICES = new Set(['logs', 'xray', 'ec2']);
const MAX_RELATED = 10;

export function shortFile(key: string): string {
  return decodeURIComponent(key.replace(/^.*[/\\]/, ''));
}

function lineOf(workspace: WorkspaceIndex, file: string, start: number): number {
  const f = workspace.get(file);
  return f ? f.lines.positionAt(start).line + 1 : 0;
}

/** The calls behind some needs, as related locations of a finding ("calls dynamodb:GetItem on OrdersTable"). */
export function relatedOf(workspace: WorkspaceIndex, needs: readonly Need[], verb: string): ReportInput['related'] {
  const out: NonNullable<ReportInput['related']> = [];
  const seen = new Set<string>();
  for (const n of needs) {
    if (!n.call || out.length >= MAX_RELATED) continue;
    const key = `${n.call.file}:${n.call.start}:${n.action}`;
    if (seen.has(key) || !workspace.has(n.call.file)) continue;
    seen.add(key);
    out.push({ file: n.call.file, start: n.call.start, end: n.call.end, message: `${verb} ${n.action} on ${targetLabel(n.target, n.scope)}` });
  }
  return out;
}

/** The sentence about calls the analysis could not read; empty when there are none. */
export function unresolvedText(workspace: WorkspaceIndex, un: readonly UnresolvedCall[]): string {
  if (un.length === 0) return '';
  const first = un[0];
  const where = `${shortFile(first.file)}:${lineOf(workspace, first.file, first.start)}`;
  const more = un.length > 1 ? ` and ${un.length - 1} more` : '';
  return ` The code also makes ${un.length === 1 ? 'a call' : `${un.length} calls`} that could not be read (${first.reason}, ${where}${more}), so this list may be incomplete: check before narrowing.`;
}

/** For a role shared by functions that need different things: what each calls (the evidence for iam-shared-role). */
export function sharedRoleText(holders: readonly { name: string; needs: readonly Need[] }[], served: readonly Need[]): string {
  if (holders.length < 2) return '';
  const per = holders.map((h) => {
    const own = served.filter((n) => h.needs.includes(n));
    return { id: h.name, text: own.length > 0 ? needsText(own) : 'none of them' };
  });
  if (new Set(per.map((p) => p.text)).size < 2) return '';
  return ` They need different things: ${per.map((p) => `${p.id} calls ${p.text}`).join('; ')} — a role each would hold only its own.`;
}

export interface StatementVerdict {
  /** Wildcard actions beyond Lambda's own services. */
  broad: string[];
  /** Written actions no call needs. */
  unused: string[];
  /** The needs the statement allows. */
  served: Need[];
}

/** How a statement's actions divide against what its holders' code needs. */
export function judgeStatement(g: GrantLike, needs: readonly Need[], unresolved: readonly UnresolvedCall[]): StatementVerdict {
  const v: StatementVerdict = { broad: [], unused: [], served: [] };
  for (const p of g.actions) {
    const matched = needs.filter((n) => actionMatches(p, n.action) && g.covers(n.target, n.scope) !== 'no');
    v.served.push(...matched.filter((n) => !v.served.includes(n)));
    const prefix = p.split(':')[0];
    if (/[*?]/.test(p)) {
      if (!PLATFORM_SERVICES.has(prefix)) v.broad.push(p);
    } else if (matched.length === 0 && !isImplicitAction(p)) {
      // A service with unreadable calls may be the one using it.
      if (!unresolved.some((u) => u.service === undefined || u.service === prefix)) v.unused.push(p);
    }
  }
  return v;
}

/** "OrdersFunction may call dynamodb:* on *; its code calls only dynamodb:GetItem on OrdersTable." */
export function statementMessage(who: string, holders: number, resourceText: string, v: StatementVerdict): string {
  const their = holders > 1 ? 'their' : 'its';
  const called = v.served.some((n) => n.call);
  if (v.broad.length > 0) return `${who} may call ${listText(v.broad)} on ${resourceText}; ${called ? `${their} code calls only ${needsText(v.served)}` : `${their} code calls none of them`}.`;
  return `${who} is allowed ${listText(v.unused)}, which ${their} code never calls${called ? ` (it calls ${needsText(v.served)})` : ''}.`;
}

/** The write actions a grant allows beyond the calls it serves (reads are left to the templates' convention). */
export function unusedWrites(actions: readonly string[], served: readonly Need[]): string[] {
  return actions.filter((p) => !isReadAction(p) && !isImplicitAction(p) && !served.some((n) => actionMatches(p, n.action)));
}

/** Actions that destroy data or resources: `dynamodb:DeleteItem`, `s3:DeleteObject`, `sqs:PurgeQueue`. */
export function isDestructive(action: string): boolean {
  return /:(Delete|Remove|Purge|Terminate|Destroy)/i.test(action);
}

/** `dynamodb:DeleteItem, dynamodb:UpdateItem and 2 more writes`. */
export function writesText(writes: readonly string[]): string {
  const shown = [...writes.filter(isDestructive), ...writes.filter((w) => !isDestructive(w))].slice(0, 3);
  const rest = writes.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more write${rest > 1 ? 's' : ''}` : `${listText(shown)}`;
}

/** The title of a fix that narrows a grant to the served needs, or removes it when none is served. */
export function narrowTitle(served: readonly Need[]): string {
  return served.length > 0 ? `Allow only what the code calls: ${listText([...new Set(served.map((n) => n.action))].sort())}` : 'Remove the unused statement';
}
