#!/usr/bin/env node
// npm run bench [-- --write-docs] [--no-build] [--quick]
//
// Measures the bundled language server (dist/server.js) over stdio the way an
// editor talks to it, side by side with bash-language-server and an in-process
// floor (read the file, split it into lines), on deterministic workloads
// (bench/workloads.mjs). Prints every figure as a median with ratios, checks
// the performance targets, and with --write-docs rewrites docs/benchmarks.md.
// This is a benchmark, not a test: it never fails the build; it reports.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchScript, domainXml, pathological } from '../bench/workloads.mjs';
import { startServer, EXTENSION_SERVER_ENV, extensionExecArgv } from '../bench/lsp.mjs';
import { median, pct, ms, ratio, per10x, textTable, mdTable } from '../bench/stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const WRITE_DOCS = argv.includes('--write-docs');
const QUICK = argv.includes('--quick');

const SERVER = path.join(ROOT, 'dist', 'server.js');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const BLS = path.join(ROOT, 'node_modules', 'bash-language-server', 'out', 'cli.js');
/** Started as the VS Code extension starts it: its Node options for this machine's cores, then the server. */
const OURS_CMD = [process.execPath, [...extensionExecArgv(os.availableParallelism()), SERVER, '--stdio']];
const BLS_CMD = [process.execPath, [BLS, 'start']];
/** qemu-pmem's server, started as the VS Code extension starts it (its Node options and environment: EXTENSION_SERVER_ENV). */
const startOurs = (opts = {}) => startServer(...OURS_CMD, { ...opts, env: { ...EXTENSION_SERVER_ENV, ...opts.env } });
/** The machine's NODE_EXTRA_CA_CERTS, which the extension does not pass on (client/src/server-env.ts). */
const MACHINE_CA = process.env.NODE_EXTRA_CA_CERTS;

const SCRIPT_SIZES = QUICK ? [1000, 20000] : [1000, 5000, 20000, 100000];
const XML_SIZES = QUICK ? [10, 1000] : [10, 1000, 10000];
/** Runs per size for start/open measurements (fewer for the largest inputs). */
const runsFor = (lines) => (QUICK ? 3 : lines >= 100000 ? 3 : 5);
const CURSOR_REQUESTS = QUICK ? 50 : 200;
const EDITS_NO_DEBOUNCE = QUICK ? 10 : 30;
const EDITS_DEBOUNCED = QUICK ? 5 : 10;
const FLOOR_RUNS = 21;
const PATHO_LIMIT_MS = 15000;
/** A server still busy after this long on one step is stopped; the figure reads "> LIMIT". */
const STEP_LIMIT_MS = 20000;
const TIMEOUT = Symbol('timeout');
const within = (p, limit) => Promise.race([p, new Promise((resolve) => setTimeout(() => resolve(TIMEOUT), limit))]);

const out = [];
const log = (s = '') => {
  out.push(s);
  console.log(s);
};
const progress = (s) => process.stderr.write(`  … ${s}\n`);

// ------------------------------------------------------------------ setup

if (!argv.includes('--no-build')) {
  // The production bundle (minified, as `npm run package` ships it): that is what editors run.
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
for (const f of [SERVER, CLI]) {
  if (!fs.existsSync(f)) {
    console.error(`bench: ${path.relative(ROOT, f)} is missing; run node esbuild.mjs`);
    process.exit(2);
  }
}
const haveBls = fs.existsSync(BLS);
const started = performance.now();
const loadBefore = os.loadavg();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-bench-'));
const uriOf = (file) => pathToFileURL(file).href;

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let nproc = String(os.cpus().length);
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  } catch {
    /* keep os.cpus() */
  }
  let free = '';
  try {
    free = execFileSync('free', ['-h'], { encoding: 'utf8' }).trimEnd();
  } catch {
    free = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total`;
  }
  return { cpu, nproc, free, node: process.version, kernel: `${os.type()} ${os.release()}` };
}

/** Floor: read the file and split it into lines, in this process. */
function floor(file) {
  const ts = [];
  for (let i = 0; i < FLOOR_RUNS; i++) {
    const t = performance.now();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    ts.push(performance.now() - t);
    if (lines.length < 1) throw new Error('unreachable');
  }
  return median(ts);
}

const posAfter = (p, dChar) => ({ line: p.line, character: p.character + dChar });

/**
 * One one-character edit at `p`: even steps insert "x", odd steps delete it
 * again, so the document alternates between two texts.
 */
function editAt(p, step) {
  return step % 2 === 0
    ? { range: { start: p, end: p }, text: 'x' }
    : { range: { start: p, end: posAfter(p, 1) }, text: '' };
}

// --------------------------------------------------------- measurements

/**
 * Opens `text` in a fresh qemu-pmem server; measures start→initialize,
 * didOpen→diagnostics, documentSymbol and RSS. With `cursor`, also edits and
 * measures completion/hover right after each edit and debounced edit→diagnostics.
 */
async function oursSession(file, text, languageId, points, { cursor = false, settings } = {}) {
  const s = await startOurs({ settings });
  const uri = uriOf(file);
  const r = { initMs: s.initMs };
  try {
    const pd = s.nextDiagnostics(uri, 1);
    const t = performance.now();
    await s.open(uri, text, languageId);
    const d = await within(pd, STEP_LIMIT_MS);
    if (d === TIMEOUT) {
      s.proc.kill('SIGKILL');
      return { ...r, openMs: NaN, symbolMs: NaN, rssOpen: NaN, timedOut: true };
    }
    r.openMs = d.t - t;
    r.diagnostics = d.params.diagnostics.length;
    const [sym, symMs] = await s.timed('textDocument/documentSymbol', { textDocument: { uri } });
    r.symbolMs = symMs;
    r.symbols = Array.isArray(sym) ? sym.length : 0;
    r.rssOpen = s.rssMb();
    let version = 1;
    if (cursor && points) {
      r.completion = [];
      r.hover = [];
      r.completionItems = 0;
      for (let i = 0; i < CURSOR_REQUESTS; i++) {
        const e = editAt(points.edit, i);
        await s.change(uri, ++version, e.range, e.text);
        const [res, t1] = await s.timed('textDocument/completion', { textDocument: { uri }, position: points.complete });
        r.completion.push(t1);
        r.completionItems = Math.max(r.completionItems, res?.items?.length ?? 0);
      }
      for (let i = 0; i < CURSOR_REQUESTS; i++) {
        const e = editAt(points.edit, i);
        await s.change(uri, ++version, e.range, e.text);
        // The hover point is after the edit point on the same line: it moves with the "x".
        const hp = points.hover.character > points.edit.character && i % 2 === 0 ? posAfter(points.hover, 1) : points.hover;
        const [res, t1] = await s.timed('textDocument/hover', { textDocument: { uri }, position: hp });
        r.hover.push(t1);
        r.hoverHit = r.hoverHit || !!res;
      }
      // Let the last debounced publish land, then measure debounced edit→diagnostics.
      await s.nextDiagnostics(uri, version);
      r.editDebounced = [];
      for (let i = 0; i < EDITS_DEBOUNCED; i++) {
        const e = editAt(points.edit, i);
        const p = s.nextDiagnostics(uri, ++version);
        const t1 = performance.now();
        await s.change(uri, version, e.range, e.text);
        r.editDebounced.push((await p).t - t1);
      }
      r.rssEdited = s.rssMb();
    }
  } finally {
    await s.stop();
  }
  return r;
}

/**
 * Edit → diagnostics with debounceMs 0: the work alone. Then, as VS Code does
 * after every edit (outline, breadcrumbs), documentSymbol: its time is in `symbols`.
 */
async function editWork(file, text, languageId, points, n) {
  const s = await startOurs({ settings: { diagnostics: { debounceMs: 0 } } });
  const uri = uriOf(file);
  const times = [];
  const symbols = [];
  try {
    const p0 = s.nextDiagnostics(uri, 1);
    await s.open(uri, text, languageId);
    if ((await within(p0, STEP_LIMIT_MS)) === TIMEOUT) {
      s.proc.kill('SIGKILL');
      return { times: [NaN], symbols: [NaN] };
    }
    await s.timed('textDocument/documentSymbol', { textDocument: { uri } });
    let version = 1;
    for (let i = 0; i < n; i++) {
      const e = editAt(points.edit, i);
      const p = s.nextDiagnostics(uri, ++version);
      const t = performance.now();
      await s.change(uri, version, e.range, e.text);
      const d = await within(p, STEP_LIMIT_MS);
      if (d === TIMEOUT) {
        s.proc.kill('SIGKILL');
        times.push(Infinity);
        break;
      }
      times.push(d.t - t);
      const [, ms] = await s.timed('textDocument/documentSymbol', { textDocument: { uri } });
      symbols.push(ms);
    }
  } finally {
    await s.stop();
  }
  return { times, symbols };
}

/** bash-language-server: didOpen → documentSymbol answer, in a fresh server. */
async function blsSession(file, text) {
  const s = await startServer(...BLS_CMD, {});
  const uri = uriOf(file);
  try {
    const t = performance.now();
    await s.open(uri, text, 'shellscript');
    const [sym] = await s.timed('textDocument/documentSymbol', { textDocument: { uri } });
    return { openSymbolMs: performance.now() - t, initMs: s.initMs, symbols: Array.isArray(sym) ? sym.length : 0, rss: s.rssMb() };
  } finally {
    await s.stop();
  }
}

/** qemu-pmem lint --format json FILE: wall time of the whole process. */
function cliRun(file) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json', '--no-host-checks', file], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: STEP_LIMIT_MS, killSignal: 'SIGKILL' });
  const dt = performance.now() - t;
  if (r.signal) return Infinity; // stopped at the limit
  if (r.status !== 0 && r.status !== 1) throw new Error(`cli failed (${r.status}): ${r.stderr}`);
  return dt;
}

/**
 * Spawn → the first request answered (documentSymbol of a document that is
 * not open: an empty answer). qemu-pmem answers `initialize` from a small
 * first bundle and loads the rest after it; this is when it can work.
 */
async function readySession(env) {
  const t = performance.now();
  const s = await startOurs({ env });
  try {
    await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///not-open.sh' } }).catch(() => null);
    return performance.now() - t;
  } finally {
    await s.stop();
  }
}

/** Extension activation as the last e2e run in code-server read it (test-results/e2e/results.json). */
function lastActivation() {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(ROOT, 'test-results', 'e2e', 'results.json'), 'utf8'));
    return r.activation && Number.isFinite(r.activation.ms) ? r.activation : undefined;
  } catch {
    return undefined;
  }
}

// ----------------------------------------------------------------- run

const m = machine();
const results = { scripts: [], xml: [], patho: [], inits: [], blsInits: [] };

// The server keeps a V8 code cache of its bundle (server/src/lsp/code-cache.ts), written by the
// first process of a build. The benchmark keeps its own (not the user's) and writes it first, by
// a session like a user's first one: open a script, edit, complete, hover, close.
process.env.QEMU_PMEM_CODE_CACHE = path.join(dir, 'code-cache');
{
  progress('code cache: one warm-up session writes it');
  const w = launchScript(SCRIPT_SIZES[0]);
  const file = path.join(dir, 'warm-up.sh');
  fs.writeFileSync(file, w.text);
  await oursSession(file, w.text, 'shellscript', w.points, { cursor: true });
  const x = domainXml(10);
  const xfile = path.join(dir, 'warm-up.xml');
  fs.writeFileSync(xfile, x.text);
  await oursSession(xfile, x.text, 'xml', undefined, {});
  const written = fs.existsSync(process.env.QEMU_PMEM_CODE_CACHE) ? fs.readdirSync(process.env.QEMU_PMEM_CODE_CACHE).filter((f) => f.endsWith('.v8cache')) : [];
  if (!written.length) console.warn('bench: the warm-up session wrote no code cache; figures are for first starts');
}

for (const lines of SCRIPT_SIZES) {
  const w = launchScript(lines);
  const file = path.join(dir, `launch-${lines}.sh`);
  fs.writeFileSync(file, w.text);
  const N = runsFor(lines);
  progress(`script ${lines} lines (${(w.text.length / 1024).toFixed(0)} KiB, ${w.invocations} invocations), ${N} runs`);
  const runs = [];
  const bls = [];
  for (let r = 0; r < N; r++) {
    runs.push(await oursSession(file, w.text, 'shellscript', w.points, { cursor: r === 0 }));
    if (haveBls) bls.push(await blsSession(file, w.text));
  }
  const { times: work, symbols: editSymbols } = await editWork(file, w.text, 'shellscript', w.points, lines >= 100000 ? Math.ceil(EDITS_NO_DEBOUNCE / 2) : EDITS_NO_DEBOUNCE);
  const cli = lines === SCRIPT_SIZES[SCRIPT_SIZES.length - 1] ? [0, 1, 2].map(() => cliRun(file)) : [];
  results.inits.push(...runs.map((r) => r.initMs));
  results.blsInits.push(...bls.map((b) => b.initMs));
  results.scripts.push({
    lines,
    bytes: Buffer.byteLength(w.text),
    invocations: w.invocations,
    N,
    floor: floor(file),
    open: median(runs.map((r) => r.openMs)),
    symbol: median(runs.map((r) => r.symbolMs)),
    diagnostics: runs[0].diagnostics,
    symbols: runs[0].symbols,
    rss: median(runs.map((r) => r.rssOpen)),
    rssEdited: runs[0].rssEdited,
    completion: runs[0].completion,
    completionItems: runs[0].completionItems,
    hover: runs[0].hover,
    hoverHit: runs[0].hoverHit,
    editDebounced: runs[0].editDebounced,
    editWork: work,
    editSymbols,
    bls: median(bls.map((b) => b.openSymbolMs)),
    blsRss: median(bls.map((b) => b.rss)),
    blsSymbols: bls[0]?.symbols,
    cli: median(cli),
  });
}

for (const devices of XML_SIZES) {
  const w = domainXml(devices);
  const file = path.join(dir, `domain-${devices}.xml`);
  fs.writeFileSync(file, w.text);
  const N = devices >= 10000 ? 3 : 5;
  progress(`domain XML with ${devices} memory devices (${(w.text.length / 1024).toFixed(0)} KiB), ${N} runs`);
  const runs = [];
  for (let r = 0; r < N; r++) {
    runs.push(await oursSession(file, w.text, 'xml', undefined));
    if (runs[r].timedOut) break;
  }
  const work = runs[0].timedOut ? [NaN] : (await editWork(file, w.text, 'xml', w.points, devices >= 10000 ? 3 : EDITS_NO_DEBOUNCE)).times;
  const cli = devices === XML_SIZES[XML_SIZES.length - 1] && !runs[0].timedOut ? [0, 1, 2].map(() => cliRun(file)) : [];
  results.inits.push(...runs.map((r) => r.initMs));
  results.xml.push({
    timedOut: runs.some((r) => r.timedOut),
    devices,
    bytes: Buffer.byteLength(w.text),
    N,
    floor: floor(file),
    open: median(runs.map((r) => r.openMs)),
    symbol: median(runs.map((r) => r.symbolMs)),
    diagnostics: runs[0].diagnostics,
    rss: median(runs.map((r) => r.rssOpen)),
    editWork: work,
    cli: median(cli),
  });
}

for (const p of pathological()) {
  const file = path.join(dir, `patho-${p.name.replace(/\W+/g, '-')}.${p.ext ?? 'sh'}`);
  fs.writeFileSync(file, p.text);
  progress(`pathological: ${p.name} (${(p.text.length / 1024).toFixed(0)} KiB)`);
  // Three fresh processes each (medians, like every figure here); a server that is far slower is stopped after PATHO_LIMIT_MS.
  const N = QUICK ? 1 : 3;
  const rows = [];
  for (let r = 0; r < N; r++) {
    const s = await startOurs({ settings: { diagnostics: { debounceMs: 0 } } });
    const uri = uriOf(file);
    try {
      const pd = s.nextDiagnostics(uri, 1);
      const t = performance.now();
      await s.open(uri, p.text, p.languageId ?? 'shellscript');
      const first = await Promise.race([pd, new Promise((resolve) => setTimeout(() => resolve(null), PATHO_LIMIT_MS))]);
      const open = performance.now() - t;
      if (first === null) {
        s.proc.kill('SIGKILL');
        rows.push({ open, sym: NaN, comp: NaN, hov: NaN, edit: NaN, rss: NaN, timedOut: true });
        continue;
      }
      const [, sym] = await s.timed('textDocument/documentSymbol', { textDocument: { uri } });
      const [, comp] = await s.timed('textDocument/completion', { textDocument: { uri }, position: p.point });
      const [, hov] = await s.timed('textDocument/hover', { textDocument: { uri }, position: p.point });
      const pe = s.nextDiagnostics(uri, 2);
      const te = performance.now();
      await s.change(uri, 2, { start: p.point, end: p.point }, 'x');
      await pe;
      const edit = performance.now() - te;
      rows.push({ open, sym, comp, hov, edit, rss: s.rssMb() });
    } finally {
      await s.stop();
    }
  }
  const med = (k) => median(rows.map((x) => x[k]));
  const timedOut = rows.some((x) => x.timedOut);
  results.patho.push({ name: p.name, bytes: Buffer.byteLength(p.text), N, open: med('open'), sym: med('sym'), comp: med('comp'), hov: med('hov'), edit: med('edit'), rss: med('rss'), timedOut, worst: Math.max(...['open', 'sym', 'comp', 'hov', 'edit'].map(med).filter(Number.isFinite)), worstRun: Math.max(...rows.flatMap((x) => [x.open, x.sym, x.comp, x.hov, x.edit].filter(Number.isFinite))) });
}

// ------------------------------------------------------------ report

const loadAfter = os.loadavg();
const elapsed = (performance.now() - started) / 1000;
const S = results.scripts;
const X = results.xml;
const s20 = S.find((s) => s.lines === 20000);
const sMax = S[S.length - 1];
const sPrev = S[S.length - 2];
const xMax = X[X.length - 1];
const xPrev = X[X.length - 2];
const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
const mb = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} MB` : 'n/a');

const sections = [];
const section = (title, header, rows, note) => sections.push({ title, header, rows, note });

section(
  'Launch scripts: open',
  ['input', 'size', 'invocations', 'runs', 'floor', 'didOpen→diagnostics', 'vs floor', 'bash-ls didOpen→symbols', 'vs bash-ls', 'documentSymbol', 'diagnostics', 'RSS open', 'bash-ls RSS'],
  S.map((s) => [
    `${s.lines} lines`,
    kb(s.bytes),
    s.invocations,
    s.N,
    ms(s.floor),
    ms(s.open),
    ratio(s.open, s.floor),
    ms(s.bls),
    ratio(s.open, s.bls),
    ms(s.symbol),
    s.diagnostics,
    mb(s.rss),
    mb(s.blsRss),
  ]),
  'Medians of the runs; every run is a fresh server process (cold JIT), as when an editor opens the file. "diagnostics" counts the published ones: at most `qemuPmem.diagnostics.maxPerFile` (1,000, what VS Code shows per file), errors first, plus one `problems-not-shown` note.',
);
section(
  'Launch scripts: right after a one-character edit',
  ['input', 'completion p50', 'p95', 'p99', 'hover p50', 'p95', 'p99', 'edit→diagnostics (debounce 0) median', 'p95', 'edit→diagnostics (debounce 100) median', 'vs floor (work)', 'documentSymbol after the edit'],
  S.map((s) => [
    `${s.lines} lines`,
    ms(pct(s.completion, 50)),
    ms(pct(s.completion, 95)),
    ms(pct(s.completion, 99)),
    ms(pct(s.hover, 50)),
    ms(pct(s.hover, 95)),
    ms(pct(s.hover, 99)),
    ms(median(s.editWork)),
    ms(pct(s.editWork, 95)),
    ms(median(s.editDebounced)),
    ratio(median(s.editWork), s.floor),
    ms(median(s.editSymbols)),
  ]),
  `${CURSOR_REQUESTS} completion and ${CURSOR_REQUESTS} hover requests per size, each sent right after a didChange (incremental sync) that inserts or deletes one character in the invocation under the cursor; ${EDITS_NO_DEBOUNCE} edits with debounceMs 0 (the work), ${EDITS_DEBOUNCED} with the default 100 ms; after each edit with debounceMs 0 and its diagnostics, a documentSymbol request, as VS Code sends for the outline and breadcrumbs.`,
);
section(
  'libvirt domain XML',
  ['input', 'size', 'runs', 'floor', 'didOpen→diagnostics', 'vs floor', 'documentSymbol', 'edit→diagnostics (debounce 0)', 'diagnostics', 'RSS open'],
  X.map((x) => [`${x.devices} memory devices`, kb(x.bytes), x.N, ms(x.floor), x.timedOut ? `> ${STEP_LIMIT_MS / 1000} s (stopped)` : ms(x.open), ratio(x.open, x.floor), ms(x.symbol), x.editWork.includes(Infinity) ? `> ${STEP_LIMIT_MS / 1000} s (stopped)` : ms(median(x.editWork)), x.diagnostics ?? 'n/a', mb(x.rss)]),
  `bash-language-server does not read XML; only the floor is a reference here. A server still busy after ${STEP_LIMIT_MS / 1000} s on one step is stopped.`,
);
section(
  'Pathological inputs (each request must be answered within 1 s)',
  ['input', 'size', 'runs', 'didOpen→diagnostics', 'documentSymbol', 'completion', 'hover', 'edit→diagnostics', 'worst', 'slowest single', 'RSS'],
  results.patho.map((p) => [p.name, kb(p.bytes), p.N, p.timedOut ? `> ${PATHO_LIMIT_MS / 1000} s (stopped)` : ms(p.open), ms(p.sym), ms(p.comp), ms(p.hov), ms(p.edit), p.timedOut ? `> ${PATHO_LIMIT_MS / 1000} s` : ms(p.worst), p.timedOut ? `> ${PATHO_LIMIT_MS / 1000} s` : ms(p.worstRun), mb(p.rss)]),
  `Medians of the runs (a fresh server process each) with debounceMs 0; "worst" is the slowest of those medians, "slowest single" the slowest request of any run. A server still busy after ${PATHO_LIMIT_MS / 1000} s is stopped and the input fails.`,
);
const growthRows = [];
const growth = (label, pts) => {
  const first = pts[0];
  const last = pts[pts.length - 1];
  const a = pts[pts.length - 2];
  growthRows.push([
    label,
    pts.map((p) => `${p.n}: ${ms(p.t)}`).join(', '),
    per10x(first.n, first.t, last.n, last.t).toFixed(1) + '×',
    per10x(a.n, a.t, last.n, last.t).toFixed(1) + '×',
  ]);
  return per10x(a.n, a.t, last.n, last.t);
};
const gOpen = growth('script didOpen→diagnostics', S.map((s) => ({ n: s.lines, t: s.open })));
const gSym = growth('script documentSymbol', S.map((s) => ({ n: s.lines, t: s.symbol })));
const gEdit = growth('script edit→diagnostics (work)', S.map((s) => ({ n: s.lines, t: median(s.editWork) })));
growth('script completion p50', S.map((s) => ({ n: s.lines, t: pct(s.completion, 50) })));
growth('script hover p50', S.map((s) => ({ n: s.lines, t: pct(s.hover, 50) })));
growth('floor (read + split)', S.map((s) => ({ n: s.lines, t: s.floor })));
if (haveBls) growth('bash-ls didOpen→symbols', S.map((s) => ({ n: s.lines, t: s.bls })));
// A stopped step counts as the limit (a lower bound of the real time).
const capped = (t) => (Number.isFinite(t) ? t : STEP_LIMIT_MS);
const gXml = growth('XML didOpen→diagnostics', X.map((x) => ({ n: x.devices, t: x.timedOut ? STEP_LIMIT_MS : x.open })));
const gXmlEdit = growth('XML edit→diagnostics (work)', X.map((x) => ({ n: x.devices, t: x.editWork.includes(Infinity) || x.timedOut ? STEP_LIMIT_MS : capped(median(x.editWork)) })));
section('Growth per 10× of input', ['figure', 'medians by size', 'per 10×, smallest→largest', 'per 10×, last step'], growthRows, '10× means linear. The target is checked on the last step (the largest inputs), where super-linear costs show.');

const initMed = median(results.inits);
const readies = [];
for (let i = 0; i < (QUICK ? 5 : 21); i++) readies.push(await readySession());
const readyMed = median(readies);
const readiesCold = [];
for (let i = 0; i < (QUICK ? 3 : 11); i++) readiesCold.push(await readySession({ QEMU_PMEM_CODE_CACHE: 'off' }));
// Context for the start figures: Node's own start, and ours with the machine's NODE_EXTRA_CA_CERTS.
const nodeStart = (env) => {
  const t = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  return performance.now() - t;
};
const nodeBare = [];
const nodeCa = [];
const initsCa = [];
for (let i = 0; i < (QUICK ? 5 : 11); i++) {
  nodeBare.push(nodeStart(EXTENSION_SERVER_ENV));
  if (MACHINE_CA === undefined || MACHINE_CA === '') continue;
  nodeCa.push(nodeStart({}));
  const s = await startOurs({ env: { NODE_EXTRA_CA_CERTS: MACHINE_CA } });
  initsCa.push(s.initMs);
  await s.stop();
}
const activation = lastActivation();
const cliRows = [];
if (Number.isFinite(sMax.cli)) cliRows.push([`${sMax.lines}-line script`, kb(sMax.bytes), ms(sMax.cli), `${(sMax.bytes / 1e6 / (sMax.cli / 1000)).toFixed(2)} MB/s`]);
if (xMax.timedOut) cliRows.push([`XML, ${xMax.devices} devices`, kb(xMax.bytes), 'not run (the server was stopped)', 'n/a']);
else if (Number.isFinite(xMax.cli)) cliRows.push([`XML, ${xMax.devices} devices`, kb(xMax.bytes), ms(xMax.cli), `${(xMax.bytes / 1e6 / (xMax.cli / 1000)).toFixed(2)} MB/s`]);
section('CLI lint throughput (qemu-pmem lint --format json, whole process, median of 3)', ['input', 'size', 'wall time', 'throughput'], cliRows);
section('Server start', ['figure', 'median', 'runs'], [
  ['qemu-pmem: spawn → initialize response', ms(initMed), results.inits.length],
  ['qemu-pmem: spawn → first request answered (server fully loaded)', ms(readyMed), readies.length],
  ['qemu-pmem: the same without the V8 code cache (a build\'s first start)', ms(median(readiesCold)), readiesCold.length],
  ['bash-language-server: spawn → initialize response', ms(median(results.blsInits)), results.blsInits.length],
  ['Node itself: `node -e 0` (spawn → exit)', ms(median(nodeBare)), nodeBare.length],
  ...(initsCa.length
    ? [
        ['Node itself with this machine\'s NODE_EXTRA_CA_CERTS', ms(median(nodeCa)), nodeCa.length],
        ['qemu-pmem: spawn → initialize response with this machine\'s NODE_EXTRA_CA_CERTS (the extension does not pass it on)', ms(median(initsCa)), initsCa.length],
      ]
    : []),
]);

const vsix = fs.readdirSync(ROOT).filter((f) => /^qemu-pmem-.*\.vsix$/.test(f));
const vsixSize = vsix.length ? fs.statSync(path.join(ROOT, vsix.sort().at(-1))).size : NaN;

// Targets.
const targets = [];
const target = (name, value, pass, detail = '') => targets.push([name, value, pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL', detail]);
if (s20) {
  target('20k lines: didOpen→diagnostics ≤ 10% of bash-language-server', `${ms(s20.open)} vs ${ms(s20.bls)} (${ratio(s20.open, s20.bls)})`, haveBls ? s20.open <= 0.1 * s20.bls : null);
  target('20k lines: didOpen→diagnostics ≤ 5× floor', `${ms(s20.open)} vs ${ms(s20.floor)} (${ratio(s20.open, s20.floor)})`, s20.open <= 5 * s20.floor);
  target('20k lines: completion p95 ≤ 5 ms right after an edit', ms(pct(s20.completion, 95)), pct(s20.completion, 95) <= 5, `${s20.completionItems} items`);
  target('20k lines: hover p95 ≤ 5 ms right after an edit', ms(pct(s20.hover, 95)), pct(s20.hover, 95) <= 5, s20.hoverHit ? 'hover answered' : 'no hover content');
  target('20k lines: edit→diagnostics work ≤ 50 ms (debounce 0, median)', ms(median(s20.editWork)), median(s20.editWork) <= 50, `p95 ${ms(pct(s20.editWork, 95))}`);
  target('20k lines: edit→diagnostics with default debounce ≤ 50 ms + 150 ms', ms(median(s20.editDebounced)), median(s20.editDebounced) <= 200, 'debounce 100 ms (default)');
}
target(`growth per 10× ≤ 12× (${sPrev.lines}→${sMax.lines} lines: open, symbols, edit)`, `${gOpen.toFixed(1)}×, ${gSym.toFixed(1)}×, ${gEdit.toFixed(1)}×`, Math.max(gOpen, gSym, gEdit) <= 12);
target(`growth per 10× ≤ 12× (XML ${xPrev.devices}→${xMax.devices} devices: open, edit)`, `${gXml.toFixed(1)}×, ${gXmlEdit.toFixed(1)}×`, Math.max(gXml, gXmlEdit) <= 12);
for (const p of results.patho) target(`${p.name}: every request ≤ 1 s`, p.timedOut ? `> ${PATHO_LIMIT_MS / 1000} s` : ms(p.worst), !p.timedOut && p.worst <= 1000, `median of ${p.N} runs; slowest single request ${ms(p.worstRun)}`);
target(`RSS ≤ 100 MB with the ${sMax.lines}-line script open`, mb(Math.max(sMax.rss, sMax.rssEdited ?? 0)), Math.max(sMax.rss, sMax.rssEdited ?? 0) <= 100, `after open ${mb(sMax.rss)}, after edits ${mb(sMax.rssEdited)}`);
target('server start → initialize ≤ 150 ms', ms(initMed), initMed <= 150);
if (activation) target('extension activation ≤ 50 ms', `${activation.ms} ms`, activation.ms <= 50, `VS Code's own figure ("Show Running Extensions") in the last e2e run (${activation.at.slice(0, 10)}, event ${activation.event})`);
else target('extension activation ≤ 50 ms', 'not measured here', null, 'needs VS Code; the e2e harness (npm run test:e2e) measures it');
target('.vsix ≤ 1 MB', Number.isFinite(vsixSize) ? `${(vsixSize / 1024).toFixed(0)} KiB (${vsix.sort().at(-1)})` : 'no qemu-pmem-*.vsix (npm run package)', Number.isFinite(vsixSize) ? vsixSize <= 1024 * 1024 : null);

// Console output.
log(`qemu-pmem benchmark — ${new Date().toISOString().slice(0, 10)}, ${QUICK ? 'quick' : 'full'} run in ${elapsed.toFixed(0)} s`);
log(`machine: ${m.cpu}, ${m.nproc} cores, ${m.node}, ${m.kernel}; load average before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
for (const s of sections) {
  log('');
  log(`## ${s.title}`);
  log(textTable(s.header, s.rows));
  if (s.note) log(s.note);
}
log('');
log('## Targets');
log(textTable(['target', 'measured', 'result', 'detail'], targets));
const failed = targets.filter((t) => t[2] === 'FAIL').length;
log(`\n${targets.filter((t) => t[2] === 'PASS').length} pass, ${failed} fail, ${targets.filter((t) => t[2] === 'n/a').length} not measured here.`);

if (WRITE_DOCS) {
  const md = [];
  md.push('# Benchmarks');
  md.push('');
  md.push('<!-- Generated by `npm run bench -- --write-docs` (scripts/bench.mjs). Do not edit by hand. -->');
  md.push('');
  md.push('## How to rerun');
  md.push('');
  md.push('```sh');
  md.push('npm run bench                  # build dist/, measure, print (about 5–7 minutes on 2 cores today)');
  md.push('npm run bench -- --write-docs  # … and rewrite this page');
  md.push('npm run bench -- --quick       # fewer sizes and requests, for a smoke check');
  md.push('```');
  md.push('');
  md.push('## Method');
  md.push('');
  md.push('- **Workloads** are generated deterministically by `bench/workloads.mjs` (seeded PRNG, same bytes every run):');
  md.push('  launch scripts of ' + S.map((s) => `${s.lines.toLocaleString('en')} lines`).join(', ') + ' in which QEMU invocations are spread through ordinary bash');
  md.push('  (functions with locals, `for`/`while` loops, heredocs, arrays built with `+=`, `case` branches, line continuations, wrappers such as `sudo numactl` and `exec taskset`, variables holding options);');
  md.push('  libvirt domain XML with ' + X.map((x) => x.devices.toLocaleString('en')).join(', ') + ' memory devices (NVDIMM with label, virtio-pmem, DIMM in turn); and pathological inputs (a 1 MB line, 100k continuation lines, 50k unclosed quotes, 10k nested expansions, 10k nested XML elements, and a 10 MB script that is over the default 5 MiB `qemuPmem.maxFileSize`, so it must be skipped quickly).');
  md.push('- **qemu-pmem** is measured through the real bundled server (`dist/server.js --stdio`, built with `node esbuild.mjs --production`: minified, as the `.vsix` ships it), with the LSP client in `bench/lsp.mjs` timing answers on arrival:');
  md.push('  spawn → `initialize` response; `didOpen` (sent as soon as `initialize` is answered, as editors do) → first `publishDiagnostics`; `documentSymbol` right after; RSS from `/proc/<pid>/status` (VmRSS) with the document open;');
  md.push('  the server answers `initialize` from a 5 KiB first bundle and loads the rest right after, so that load is inside the first `didOpen` figure of every fresh process, and is also shown on its own as spawn → first request answered;');
  md.push('  the rest is loaded with a V8 code cache that the first server process of a build writes (`server/src/lsp/code-cache.ts`); the benchmark keeps its own cache in its temporary directory and writes it first with one warm-up session (open, edit, complete, hover; a script and a domain), as a user\'s first session would, so every measured process starts with it; spawn → first request answered is also shown without it;');
  md.push(`  completion and hover each sent right after a one-character \`didChange\` (incremental sync) in the invocation under the cursor (${CURSOR_REQUESTS} of each, p50/p95/p99);`);
  md.push('  edit → next `publishDiagnostics` with `debounceMs` 0 (set through `initializationOptions.settings`) — the work — and with the default 100 ms debounce.');
  md.push('  Every open is measured in a fresh server process (cold JIT), as when an editor opens the file.');
  md.push(`  The server is started with the environment and Node options the VS Code extension gives it (\`client/src/server-env.ts\`): without \`NODE_EXTRA_CA_CERTS\`, which makes Node read a CA bundle before any of our code runs and which the server has no use for (where the machine sets it, start-up with it is shown too), and with \`${OURS_CMD[1].slice(0, -2).join(' ')}\` (one V8 helper thread per core but one, at most Node's 4; here ${os.availableParallelism()} cores), so that V8's background compiler and collector leave the analysing thread a core. bash-language-server is started with the machine's environment and Node's defaults, as its extension starts it.`);
  md.push('- **bash-language-server** (the devDependency, `start` over stdio) gets the same file in the same run: fresh process, `didOpen`, then `documentSymbol`; the time is from `didOpen` to the `documentSymbol` answer.');
  md.push('- **Floor**: `fs.readFileSync(file, "utf8").split("\\n")` in the benchmark process, median of ' + FLOOR_RUNS + ' (warm).');
  md.push('- **CLI**: `node dist/cli.js lint --format json --no-host-checks FILE` on the largest inputs, whole-process wall time (Node start-up included), median of 3.');
  md.push('- **Growth** per 10× of input is `(t2/t1)^(1/log10(n2/n1))`; 10× is linear.');
  md.push('- Every figure is a median of the runs stated. Extension activation needs VS Code: the figure is the one VS Code itself shows in "Show Running Extensions", read by the last e2e run in code-server (`npm test` or `node test/e2e/run.mjs` writes `test-results/e2e/results.json`).');
  md.push('');
  md.push('## Machine');
  md.push('');
  md.push(`- CPU: ${m.cpu}; \`nproc\`: ${m.nproc}; Node ${m.node}; ${m.kernel}`);
  md.push(`- Load average (1, 5, 15 min) before the run: ${loadBefore.map((x) => x.toFixed(2)).join(', ')}; after: ${loadAfter.map((x) => x.toFixed(2)).join(', ')}.`);
  md.push(`  Other jobs were running on this ${m.nproc}-core machine during the run, so absolute times are noisy and pessimistic; medians damp that, ratios measured in the same run are the more reliable figures.`);
  md.push('- `free -h`:');
  md.push('');
  md.push('```');
  md.push(m.free);
  md.push('```');
  md.push('');
  md.push(`## Latest figures (${new Date().toISOString().slice(0, 10)}, run took ${elapsed.toFixed(0)} s)`);
  for (const s of sections) {
    md.push('');
    md.push(`### ${s.title}`);
    md.push('');
    md.push(mdTable(s.header, s.rows));
    if (s.note) {
      md.push('');
      md.push(s.note);
    }
  }
  md.push('');
  md.push('## Targets');
  md.push('');
  md.push(mdTable(['target', 'measured', 'result', 'detail'], targets));
  md.push('');
  fs.writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), md.join('\n'));
  console.log('\nwrote docs/benchmarks.md');
}

fs.rmSync(dir, { recursive: true, force: true });
