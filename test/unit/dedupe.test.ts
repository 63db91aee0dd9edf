/** dedupe(): one finding per (code, span, message), in document order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dedupe } from '../../server/src/engine/analyze';
import type { Finding } from '../../server/src/engine/rules/types';

const f = (code: string, start: number, end: number, message: string): Finding => ({ code, severity: 'error', span: { start, end }, message });

test('drops repeats of the same code, span and message; keeps the first; sorts by span', () => {
  const a = f('x', 5, 9, 'one');
  const b = f('x', 5, 9, 'one');
  const c = f('x', 5, 9, 'two');
  const d = f('x', 5, 9, 'three');
  const e = f('x', 5, 9, 'two');
  const g = f('y', 5, 9, 'one');
  const h = f('x', 1, 3, 'one');
  const i = f('x', 5, 10, 'one');
  const out = dedupe([a, b, c, d, e, g, h, i]);
  assert.deepEqual(out, [h, a, c, d, g, i]);
  assert.equal(out[1], a, 'the first of equal findings is kept');
  assert.deepEqual(dedupe([]), []);
});
