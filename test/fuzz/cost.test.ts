/**
 * Bounded cost, the non-flaky part: pathological inputs up to ~1 MB are
 * analysed and every feature answers, all within a generous bound (a slow,
 * shared CI machine must not fail it; quadratic code takes minutes here).
 * Precise timings are the benchmark's; `npm run fuzz` reports every input,
 * including the 3 MB and 10 MB ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/engine/analyze';
import { complete } from '../../server/src/engine/features/completion';
import { hover } from '../../server/src/engine/features/hover';
import { documentSymbols } from '../../server/src/engine/features/symbols';
import { fixAllEdits, quickFixes } from '../../server/src/engine/features/code-actions';
import { PATHOLOGICAL } from './pathological';

const BOUND_MS = 15_000;
const FAST = ['1 MB line (one invocation)', '1 MB line of one word', '50k unclosed quotes', 'deeply nested XML (10k levels)', 'deeply nested XML, never closed (10k levels)'];

for (const p of PATHOLOGICAL.filter((x) => FAST.includes(x.name))) {
  test(`bounded cost: ${p.name}`, () => {
    const text = p.make();
    const t0 = performance.now();
    const a = analyze(text, { fileName: p.fileName });
    const mid = text.length >> 1;
    complete(a, mid);
    hover(a, mid);
    documentSymbols(a);
    quickFixes(a, { start: 0, end: text.length });
    fixAllEdits(a);
    const ms = performance.now() - t0;
    assert.ok(ms < BOUND_MS, `${p.name}: ${ms.toFixed(0)} ms`);
    for (const f of a.findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length);
  });
}
