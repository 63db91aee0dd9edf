/** runRules (server/src/engine/rules/run.ts): one context per VM, findings filed under the rule that reported them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_FINDINGS_PER_RULE, runRules } from '../../../server/src/engine/rules/run';
import type { Rule, RuleMeta } from '../../../server/src/engine/rules/types';
import { analyze } from '../../../server/src/engine/analyze';

const meta = (code: string, severity: RuleMeta['severity']): RuleMeta => ({ code, severity, category: 'syntax', title: code });

function rule(code: string, severity: RuleMeta['severity'], n: number, throwAfter = Infinity): Rule {
  return {
    meta: meta(code, severity),
    check(ctx) {
      for (let i = 0; i < n; i++) {
        if (i === throwAfter) throw new Error(`${code} broke`);
        ctx.report({ span: { start: 0, end: 1 }, message: `${code} ${i}` });
      }
    },
  };
}

test('each rule gets its own code, severity and cap, even after one that threw', () => {
  const vm = analyze('qemu-system-x86_64 -m 1G\n', { languageId: 'shellscript' }).vms[0];
  const errors: string[] = [];
  const out = runRules(
    [rule('first', 'error', MAX_FINDINGS_PER_RULE + 5), rule('broken', 'warning', 3, 2), rule('second', 'warning', 2), rule('off', 'error', 1)],
    vm,
    'qemu-system-x86_64 -m 1G\n',
    { qemuVersion: '7.2', disabled: new Set(['off']), severity: new Map([['second', 'information']]), onRuleError: (c) => errors.push(c) },
  );
  const by = (code: string) => out.filter((f) => f.code === code);
  assert.equal(by('first').length, MAX_FINDINGS_PER_RULE);
  assert.ok(by('first').every((f) => f.severity === 'error'));
  assert.deepEqual(by('broken').map((f) => [f.message, f.severity]), [['broken 0', 'warning'], ['broken 1', 'warning']]);
  assert.deepEqual(by('second').map((f) => [f.message, f.severity]), [['second 0', 'information'], ['second 1', 'information']]);
  assert.deepEqual(by('off'), []);
  assert.deepEqual(errors, ['broken']);
});
