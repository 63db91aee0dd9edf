import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownFindings } from '../../server/src/engine/shown';
import type { Finding, Severity } from '../../server/src/engine/rules/types';

const f = (start: number, severity: Severity, code = 'x'): Finding => ({ code, severity, span: { start, end: start + 1 }, message: `${code}@${start}` });

test('problems-not-shown: at or below the limit every finding is published as it is', () => {
  const all = [f(0, 'hint'), f(5, 'error')];
  assert.equal(shownFindings(all, 2), all);
  assert.deepEqual(shownFindings([], 1), []);
});

test('problems-not-shown: over the limit errors come first, then warnings, information, hints, in document order', () => {
  const all = [f(0, 'hint'), f(10, 'warning'), f(20, 'error'), f(30, 'information'), f(40, 'error'), f(50, 'warning')];
  const out = shownFindings(all, 3);
  assert.deepEqual(
    out.map((x) => `${x.code}@${x.span.start}`),
    ['problems-not-shown@0', 'x@10', 'x@20', 'x@40'],
  );
  const note = out[0];
  assert.equal(note.severity, 'information');
  assert.deepEqual(note.span, { start: 0, end: 0 }, 'on the first finding left out');
  assert.match(note.message, /shows 3 of the 6 problems .* 3 more are not shown, starting here/);
  assert.match(note.message, /qemuPmem\.diagnostics\.maxPerFile/);
});

test('problems-not-shown: the problems-not-checked note always stays', () => {
  const all = [f(0, 'error'), f(1, 'error'), f(2, 'error'), f(9, 'information', 'problems-not-checked')];
  const out = shownFindings(all, 2);
  assert.deepEqual(
    out.map((x) => `${x.code}@${x.span.start}`),
    ['x@0', 'problems-not-shown@1', 'problems-not-checked@9'],
  );
  assert.match(out[1].message, /shows 2 of the 4 problems.* 2 more/);
});

test('problems-not-shown: large inputs choose in linear time with the same counts', () => {
  const sev: Severity[] = ['error', 'warning', 'information', 'hint'];
  const all = Array.from({ length: 50_000 }, (_, i) => f(i * 3, sev[(i * 7) % 4]));
  const out = shownFindings(all, 1000);
  assert.equal(out.length, 1001);
  assert.equal(out.filter((x) => x.code === 'problems-not-shown').length, 1);
  assert.ok(out.filter((x) => x.code === 'x').every((x) => x.severity === 'error'), '12,500 errors fill 1,000 places');
  for (let i = 1; i < out.length; i++) assert.ok(out[i - 1].span.start <= out[i].span.start, 'document order');
});
