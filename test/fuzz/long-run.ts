/**
 * The long fuzz run behind `npm run fuzz` (scripts/fuzz.mjs starts it under
 * tsx). Runs every property of ./properties.ts in rounds with fresh seeds
 * until the case count or the time budget is reached, times every
 * pathological input, and prints a report. Exit 1 on any failure.
 *
 *   --cases N     total cases (default 100000)
 *   --time S      stop after S seconds even if fewer cases ran
 *   --seed N      first seed (default: time-based; printed for replay)
 *   --no-cost     skip the pathological inputs
 *   --json FILE   also write the report as JSON
 */
import * as fs from 'node:fs';
import { analyze } from '../../server/src/engine/analyze';
import { complete } from '../../server/src/engine/features/completion';
import { hover } from '../../server/src/engine/features/hover';
import { documentSymbols } from '../../server/src/engine/features/symbols';
import { fixAllEdits } from '../../server/src/engine/features/code-actions';
import { newStats } from './harness';
import { PROPERTIES, runProperty } from './properties';
import { PATHOLOGICAL } from './pathological';

const DEFAULT_MAX_FILE_SIZE = 5_242_880; // qemuPmem.maxFileSize default (package.json)

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const totalCases = Number(arg('--cases') ?? 100_000);
const timeS = arg('--time') !== undefined ? Number(arg('--time')) : undefined;
const seed0 = Number(arg('--seed') ?? Date.now() % 2 ** 31);
const deadline = timeS !== undefined ? Date.now() + timeS * 1000 : Infinity;
const stats = newStats();
const weights = PROPERTIES.reduce((s, p) => s + p.weight, 0);
const rows = PROPERTIES.map((p) => ({ name: p.name, cases: 0, ms: 0, failure: null as string | null }));
const ROUND = 2000;

console.log(`qemu-pmem fuzz: ${totalCases} cases${timeS !== undefined ? `, at most ${timeS} s` : ''}, seed ${seed0}`);
let round = 0;
let done = 0;
while (done < totalCases && Date.now() < deadline && rows.every((r) => !r.failure)) {
  for (let i = 0; i < PROPERTIES.length; i++) {
    const p = PROPERTIES[i];
    const want = Math.max(1, Math.round((ROUND * p.weight) / weights));
    const n = Math.min(want, totalCases - done);
    if (n <= 0 || Date.now() >= deadline) break;
    const t = performance.now();
    try {
      const left = deadline === Infinity ? undefined : Math.max(1, deadline - Date.now());
      const ran = runProperty(p, n, stats, seed0 + round * 7919 + i, left);
      rows[i].cases += ran;
      done += ran;
    } catch (e) {
      rows[i].failure = String((e as Error)?.message ?? e);
      rows[i].cases += n;
      done += n;
    }
    rows[i].ms += performance.now() - t;
    if (rows[i].failure) break;
  }
  round++;
  process.stdout.write(`\r  ${done} cases`);
}
process.stdout.write('\n');

interface CostRow {
  name: string;
  chars: number;
  analyzeMs: number;
  featuresMs: number;
  skippedByServer: boolean;
}
const cost: CostRow[] = [];
if (!process.argv.includes('--no-cost')) {
  for (const p of PATHOLOGICAL) {
    const text = p.make();
    let t = performance.now();
    const a = analyze(text, { fileName: p.fileName });
    const analyzeMs = performance.now() - t;
    t = performance.now();
    const mid = text.length >> 1;
    complete(a, mid);
    hover(a, mid);
    documentSymbols(a);
    fixAllEdits(a);
    cost.push({ name: p.name, chars: text.length, analyzeMs, featuresMs: performance.now() - t, skippedByServer: text.length > DEFAULT_MAX_FILE_SIZE });
  }
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
console.log('\nProperties');
for (const r of rows) {
  console.log(`  ${r.failure ? 'FAIL' : 'ok  '} ${pad(r.name, 72)} ${String(r.cases).padStart(7)} cases ${(r.ms / 1000).toFixed(1).padStart(7)} s`);
}
console.log(`  total ${done} cases; ${stats.findings} findings, ${stats.fixesChecked} quick fixes re-analysed, ${stats.hovers} hovers, ${stats.completions} completion items checked`);
if (cost.length) {
  console.log('\nPathological inputs (engine, one process; the server skips files over qemuPmem.maxFileSize with one information diagnostic)');
  for (const c of cost) {
    const flag = c.skippedByServer ? 'skipped by the server (over the default limit)' : c.analyzeMs + c.featuresMs > 1000 ? 'OVER 1 s' : 'ok';
    console.log(`  ${pad(c.name, 46)} ${String(c.chars).padStart(9)} chars  analyze ${c.analyzeMs.toFixed(0).padStart(6)} ms  features ${c.featuresMs.toFixed(0).padStart(5)} ms  ${flag}`);
  }
}
const failures = rows.filter((r) => r.failure);
for (const f of failures) console.log(`\nFAILURE in ${f.name}:\n${f.failure}`);
const json = arg('--json');
if (json) fs.writeFileSync(json, JSON.stringify({ seed: seed0, cases: done, properties: rows, stats, cost }, null, 2));
console.log(`\n${failures.length ? 'FAILED' : 'PASSED'}: ${done} cases, seed ${seed0}`);
process.exit(failures.length ? 1 : 0);
