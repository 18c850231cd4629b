/**
 * invalid-suppression: a suppression that has no reason, names an unknown rule, or matches
 * nothing. The engine's suppression pass reports it (engine/suppress.ts); this file is its record.
 */
import type { Rule } from '../engine/rule';

export const INVALID_SUPPRESSION = 'invalid-suppression';

export const rule: Rule = {
  meta: {
    id: INVALID_SUPPRESSION,
    title: 'Suppression without a reason, for an unknown rule, or matching nothing',
    layer: null,
    defaultSeverity: 'warning',
    explanation:
      'A suppression is a decision to accept a risk, and the next reader needs to know why it was accepted. ' +
      'A suppression without a reason hides the decision; one for a rule id that does not exist hides nothing and suggests a typo; ' +
      'one that matches no finding is left over from code that changed, and would silently hide the next real finding on that line.',
    analogy:
      'A note on the castle gate saying "guard excused" is only trustworthy if it says who excused the guard and why; an old note for a gate that is gone should be taken down.',
    examples: [
      {
        frontEnd: 'handler',
        bad: '// serverless-guard-ignore-next-line sql-injection\nawait client.query(sql);',
        good: '// serverless-guard-ignore-next-line sql-injection: sql is a constant built at module load, no request data\nawait client.query(sql);',
      },
      {
        frontEnd: 'sam',
        bad: 'Metadata:\n  serverless-guard:\n    ignore:\n      - rule: function-url-public',
        good: 'Metadata:\n  serverless-guard:\n    ignore:\n      - rule: function-url-public\n        reason: public webhook endpoint; the payload is verified by signature in the handler',
      },
    ],
    fixSummary: 'Add the reason after the rule id, correct the rule id, or remove the suppression.',
    whenNotToUse: 'Keep it on: CI can only trust suppressions that are explained and current.',
  },
};
