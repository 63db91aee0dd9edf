/** memoize (server/src/engine/memo.ts): one answer per key, kept on the key, invisible to everything else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoize } from '../../server/src/engine/memo';

test('each key is computed once, per memoised function, undefined answers included', () => {
  let calls = 0;
  const len = memoize((o: { s: string }) => (calls++, o.s.length));
  const none = memoize((o: { s: string }) => (calls++, o.s === 'x' ? undefined : o.s));
  const a = { s: 'abc' };
  const b = { s: 'x' };
  assert.equal(len(a), 3);
  assert.equal(len(a), 3);
  assert.equal(len(b), 1);
  assert.equal(none(b), undefined);
  assert.equal(none(b), undefined);
  assert.equal(none(a), 'abc');
  assert.equal(calls, 4);
});

test('extra arguments are not part of the key', () => {
  const f = memoize((o: object, n: number) => n);
  const k = {};
  assert.equal(f(k, 1), 1);
  assert.equal(f(k, 2), 1);
});

test('the answers are invisible: keys, JSON and deep equality of the key are unchanged', () => {
  const f = memoize((o: { a: number }) => o.a * 2);
  const k = { a: 1 };
  f(k);
  assert.deepEqual(Object.keys(k), ['a']);
  assert.equal(JSON.stringify(k), '{"a":1}');
  assert.deepStrictEqual(k, { a: 1 });
});

test('a frozen key still gets one answer (kept aside)', () => {
  let calls = 0;
  const f = memoize((o: { a: number }) => (calls++, o.a + 1));
  const k = Object.freeze({ a: 1 });
  assert.equal(f(k), 2);
  assert.equal(f(k), 2);
  assert.equal(calls, 1);
});
