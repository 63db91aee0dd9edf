/**
 * Shared fuzzing harness: seed corpus, input generators and the invariant
 * checker that both the fast property tests (test/fuzz/*.test.ts, in
 * `npm test`) and the long run (scripts/fuzz.mjs, `npm run fuzz`) use.
 *
 * checkDocument() runs the whole pipeline on one text and returns a list of
 * violations (empty when everything holds):
 *   - analyze() and every feature return without throwing, and no rule throws;
 *   - every span (findings, related info, fix edits, hover, completion,
 *     symbols, invocation) lies inside the document, with start <= end, and
 *     never splits a UTF-16 surrogate pair or a CRLF;
 *   - LSP positions from LineIndex round-trip;
 *   - a completion's replace range is on one line and holds the cursor, a
 *     symbol's selection lies inside its range (VS Code rejects both otherwise);
 *   - every quick fix has non-overlapping edits, the fixed text re-analyses
 *     without throwing, and the fixed finding is gone (no finding with the same
 *     code where it was, mapped through the edits);
 *   - fix-all edits do not overlap and re-analyse cleanly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, type AnalyzeOptions, type DocumentAnalysis } from '../../server/src/engine/analyze';
import { applyEdits, fixAllEdits, quickFixes } from '../../server/src/engine/features/code-actions';
import { complete } from '../../server/src/engine/features/completion';
import { hover } from '../../server/src/engine/features/hover';
import { documentSymbols, type OutlineSymbol } from '../../server/src/engine/features/symbols';
import { invocationAt } from '../../server/src/engine/features/invocation';
import type { Finding, HostView, TextEdit } from '../../server/src/engine/rules/types';
import type { Span } from '../../server/src/engine/text';
import { generateCorpus } from '../qemu/corpus';
import { CORPUS as LIBVIRT_CORPUS } from '../libvirt/corpus';
import { CASES as XML_CASES } from '../unit/xml/fixtures';

/** The repository root (works from test/fuzz under tsx and from out/test/fuzz after tsc). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!(fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'esbuild.mjs')))) {
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dir;
}

export interface Seed {
  readonly name: string;
  readonly text: string;
  /** Passed to analyze() so the document kind is the intended one. */
  readonly fileName: string;
}

/** Quotes one argument for a shell script (single quotes unless it is plain). */
export function shellQuote(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

let seedCache: Seed[] | undefined;

/**
 * Real inputs: examples/**, the e2e workspace, the QEMU differential corpus
 * (as scripts, one invocation each, continuation lines), the libvirt corpus
 * and the XML unit fixtures.
 */
export function seeds(): Seed[] {
  if (seedCache) return seedCache;
  const out: Seed[] = [];
  const root = repoRoot();
  for (const dir of ['examples', path.join('test', 'e2e', 'workspace')]) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs, { recursive: true }).map(String).sort()) {
      if (!/\.(sh|xml)$/.test(f)) continue;
      out.push({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(abs, f), 'utf8'), fileName: f });
    }
  }
  for (const c of generateCorpus()) {
    const args = c.args.map((a) => shellQuote(a.replace(/@D@/g, '/tmp/fuzz')));
    const text = `#!/bin/sh\nqemu-system-x86_64 \\\n  ${args.join(' \\\n  ')}\n`;
    out.push({ name: `qemu-corpus/${c.name}`, text, fileName: 'corpus.sh' });
  }
  for (const c of LIBVIRT_CORPUS) out.push({ name: `libvirt-corpus/${c.name}`, text: c.xml, fileName: 'domain.xml' });
  for (const c of XML_CASES) out.push({ name: `xml-fixture/${c.name}`, text: c.xml, fileName: 'domain.xml' });
  seedCache = out;
  return out;
}

/** Pieces that matter to the parsers: quoting, QEMU syntax, XML, odd code units. */
export const TOKENS: readonly string[] = [
  ' ', '\t', '\n', '\r\n', '\r', '\\\n', '\\\r\n', '\\', "'", '"', '$', '${', '}', '$(', ')', '`', '#', ';', '&', '|', '=',
  ',', ',,', '{', '[', ']', ':', '-', '--', '-m', '-object', '-device', '-machine', '-M', '-numa', 'qemu-system-x86_64',
  'nvdimm', 'virtio-pmem-pci', 'memory-backend-file', 'memory-backend-ram', 'id=', 'memdev=', 'size=', 'share=on',
  'mem-path=', 'label-size=', 'slots=', 'maxmem=', 'nvdimm=on', 'pmem=on', 'readonly=on', 'unarmed=on', '1G', '128K',
  '0x', '1.5', '16E', '99999999999999999999', '<', '>', '/>', '</', '<domain>', '</domain>', '<memory', "unit='KiB'",
  '<!--', '-->', '<![CDATA[', ']]>', '&amp;', '&#x1F600;', '&bogus;', 'A=1', 'X=(a b)', '${X[@]}', '$X', 'sudo ', 'exec ',
  'env ', '<<EOF\n', 'EOF\n', '\u00e9', '\u{1F600}', '\uD83D', '\uDE00', '\u0000', '\uFEFF', '\u2028',
];

const textAlphabet = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

/** Arbitrary text built from the token alphabet and raw UTF-16 code units. */
export const arbText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.array(textAlphabet, { maxLength }).map((parts) => parts.join(''));

/** Arbitrary line-ending style applied to a text. */
export type Eol = 'lf' | 'crlf' | 'cr';
export function withEol(text: string, eol: Eol): string {
  if (eol === 'lf') return text;
  const lf = text.replace(/\r\n?/g, '\n');
  return lf.replace(/\n/g, eol === 'crlf' ? '\r\n' : '\r');
}

export type Mutation =
  | { op: 'insert'; at: number; piece: string }
  | { op: 'delete'; at: number; len: number }
  | { op: 'replace'; at: number; len: number; piece: string }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'truncate'; at: number };

const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), piece: arbText(4) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 6 }), piece: arbText(3) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutate(text: string, muts: readonly Mutation[]): string {
  let t = text;
  for (const m of muts) {
    const at = t.length === 0 ? 0 : m.at % (t.length + 1);
    switch (m.op) {
      case 'insert':
        t = t.slice(0, at) + m.piece + t.slice(at);
        break;
      case 'delete':
        t = t.slice(0, at) + t.slice(at + m.len);
        break;
      case 'replace':
        t = t.slice(0, at) + m.piece + t.slice(at + m.len);
        break;
      case 'duplicate':
        t = t.slice(0, at + m.len) + t.slice(at, at + m.len) + t.slice(at + m.len);
        break;
      case 'truncate':
        if (m.at % 4 === 0) t = t.slice(0, at);
        break;
    }
  }
  return t;
}

export interface FuzzDoc {
  readonly text: string;
  readonly fileName: string;
  readonly languageId?: string;
  /** Cursor offsets to ask hover/completion at (taken modulo length + 1). */
  readonly cursors: readonly number[];
}

/** A mutated real example, with an optional line-ending change. */
export const arbMutatedSeed: fc.Arbitrary<FuzzDoc> = fc
  .record({
    seed: fc.nat(),
    muts: fc.array(arbMutation, { minLength: 0, maxLength: 6 }),
    eol: fc.constantFrom<Eol>('lf', 'lf', 'crlf', 'cr'),
    cursors: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  })
  .map(({ seed, muts, eol, cursors }) => {
    const all = seeds();
    const s = all[seed % all.length];
    return { text: mutate(withEol(s.text, eol), muts), fileName: s.fileName, cursors };
  });

/** Free text, read as a shell script or as XML (with and without a <domain>). */
export const arbFreeDoc: fc.Arbitrary<FuzzDoc> = fc
  .record({
    body: arbText(80),
    kind: fc.constantFrom('script.sh', 'domain.xml', 'domain-wrapped.xml', 'qemu-line.sh'),
    cursors: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  })
  .map(({ body, kind, cursors }) => {
    if (kind === 'domain-wrapped.xml') return { text: `<domain type='kvm'>${body}</domain>`, fileName: 'domain.xml', cursors };
    if (kind === 'qemu-line.sh') return { text: `qemu-system-x86_64 ${body}`, fileName: 'script.sh', cursors };
    return { text: body, fileName: kind, cursors };
  });

/** A fake host: a few paths with every kind a stat can report. */
export const FAKE_HOST: HostView = {
  stat(p: string) {
    if (p.includes('link')) return { kind: 'symlink', size: 0 };
    if (p.startsWith('/dev/')) return { kind: 'device', size: 0 };
    if (p.includes('dir')) return { kind: 'dir', size: 4096 };
    if (p.includes('small')) return { kind: 'file', size: 4096 };
    if (p.includes('nv') || p.includes('.img')) return { kind: 'file', size: 1 << 30 };
    return undefined;
  },
};

export interface CheckStats {
  findings: number;
  fixesChecked: number;
  hovers: number;
  completions: number;
}

export function newStats(): CheckStats {
  return { findings: 0, fixesChecked: 0, hovers: 0, completions: 0 };
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Where a span boundary must never fall: between the halves of a surrogate pair. */
function splitsUnit(text: string, o: number): boolean {
  if (o <= 0 || o >= text.length) return false;
  return isHigh(text.charCodeAt(o - 1)) && isLow(text.charCodeAt(o));
}

/** Between CR and LF: LSP positions cannot say it; it reads as the end of the line. */
function insideCrlf(text: string, o: number): boolean {
  return o > 0 && o < text.length && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10;
}

/**
 * An offset an editor could send: positions come as line/character, so never
 * between CR and LF, and editors never put the cursor inside a surrogate pair.
 */
export function editorOffset(a: DocumentAnalysis, o: number): number {
  let x = a.lines.offsetAt(a.lines.positionAt(o));
  if (splitsUnit(a.text, x)) x--;
  return x;
}

class Checker {
  readonly problems: string[] = [];
  constructor(
    readonly a: DocumentAnalysis,
    readonly label: string,
  ) {}

  fail(msg: string): void {
    if (this.problems.length < 20) this.problems.push(`${this.label}: ${msg}`);
  }

  span(what: string, s: Span | undefined): void {
    if (!s) return this.fail(`${what}: missing span`);
    const n = this.a.text.length;
    if (!Number.isInteger(s.start) || !Number.isInteger(s.end)) return this.fail(`${what}: non-integer span ${JSON.stringify(s)}`);
    if (s.start < 0 || s.end > n || s.start > s.end) return this.fail(`${what}: span ${s.start}-${s.end} outside document of ${n}`);
    if (splitsUnit(this.a.text, s.start) || splitsUnit(this.a.text, s.end)) {
      this.fail(`${what}: span ${s.start}-${s.end} splits a surrogate pair`);
    }
    // LSP positions: inside the line, and they map back to the same offsets.
    const r = this.a.lines.rangeOf(s);
    for (const [p, o] of [
      [r.start, s.start],
      [r.end, s.end],
    ] as const) {
      if (p.line < 0 || p.line >= this.a.lines.lineCount) return this.fail(`${what}: line ${p.line} out of range`);
      const len = this.a.lines.lineEnd(p.line) - this.a.lines.lineStarts[p.line];
      if (p.character < 0 || p.character > len) return this.fail(`${what}: character ${p.character} past line length ${len}`);
      if (!insideCrlf(this.a.text, o) && this.a.lines.offsetAt(p) !== o) return this.fail(`${what}: position ${JSON.stringify(p)} does not map back to ${o}`);
    }
  }
}

function overlapping(edits: readonly TextEdit[]): boolean {
  const s = [...edits].sort((x, y) => x.span.start - y.span.start || x.span.end - y.span.end);
  for (let i = 1; i < s.length; i++) {
    if (s[i].span.start < s[i - 1].span.end) return true;
    // Two insertions at one point are fine (applyEdits keeps their order); a replacement and an insertion at its start are not ambiguous either.
  }
  return false;
}

/** Maps an offset of the original text through non-overlapping edits (offsets inside an edit go to its end). */
function mapOffset(o: number, edits: readonly TextEdit[], bias: 'start' | 'end'): number {
  let delta = 0;
  for (const e of edits) {
    if (e.span.end < o || (e.span.end === o && e.span.start < o)) delta += e.newText.length - (e.span.end - e.span.start);
    else if (e.span.start < o && o < e.span.end) return e.span.start + delta + (bias === 'end' ? e.newText.length : 0);
  }
  return o + delta;
}

export function analyzeDoc(doc: { text: string; fileName: string; languageId?: string }, errors: string[], host: HostView | undefined = FAKE_HOST): DocumentAnalysis {
  const opts: AnalyzeOptions = {
    fileName: doc.fileName,
    languageId: doc.languageId,
    host,
    onRuleError: (code, e) => errors.push(`rule ${code} threw: ${e instanceof Error ? e.stack ?? e.message : String(e)}`),
  };
  return analyze(doc.text, opts);
}

function describe(text: string): string {
  return text.length > 400 ? `${JSON.stringify(text.slice(0, 400))}… (${text.length} chars)` : JSON.stringify(text);
}

/**
 * Runs the pipeline on a document and returns every violated invariant
 * (empty when all hold). `deep` also checks every quick fix by re-analysis.
 */
export function checkDocument(doc: FuzzDoc, stats: CheckStats = newStats(), deep = true): string[] {
  const errs: string[] = [];
  let a: DocumentAnalysis;
  try {
    a = analyzeDoc(doc, errs);
  } catch (e) {
    return [`analyze threw on ${describe(doc.text)}: ${(e as Error)?.stack ?? e}`];
  }
  const c = new Checker(a, `in ${doc.fileName} ${describe(doc.text)}`);
  for (const e of errs) c.fail(e);
  const n = a.text.length;
  try {
    stats.findings += a.findings.length;
    for (const f of a.findings) {
      c.span(`finding ${f.code}`, f.span);
      for (const r of f.related ?? []) c.span(`related of ${f.code}`, r.span);
      for (const fix of f.fixes ?? []) {
        for (const e of fix.edits) c.span(`fix "${fix.title}" of ${f.code}`, e.span);
        if (overlapping(fix.edits)) c.fail(`fix "${fix.title}" of ${f.code} has overlapping edits`);
      }
    }
    const syms = documentSymbols(a);
    const walk = (s: OutlineSymbol) => {
      c.span(`symbol ${s.name}`, s.span);
      c.span(`symbol selection ${s.name}`, s.selection);
      if (s.selection.start < s.span.start || s.selection.end > s.span.end) c.fail(`symbol ${s.name}: selection outside its range`);
      s.children.forEach(walk);
    };
    syms.forEach(walk);
    const offsets = new Set<number>();
    for (const k of doc.cursors) offsets.add(editorOffset(a, k % (n + 1)));
    for (const f of a.findings.slice(0, 8)) {
      offsets.add(editorOffset(a, f.span.start));
      offsets.add(editorOffset(a, f.span.end));
    }
    for (const o of offsets) {
      const h = hover(a, o);
      if (h) {
        stats.hovers++;
        c.span(`hover at ${o}`, h.span);
        if (typeof h.markdown !== 'string' || h.markdown.length === 0) c.fail(`hover at ${o}: empty markdown`);
      }
      for (const item of complete(a, o)) {
        stats.completions++;
        c.span(`completion "${item.label}" at ${o}`, item.replace);
        if (item.replace.start > o || item.replace.end < o) c.fail(`completion "${item.label}" at ${o}: replace range ${item.replace.start}-${item.replace.end} does not hold the cursor`);
        if (a.lines.lineOf(item.replace.start) !== a.lines.lineOf(item.replace.end)) c.fail(`completion "${item.label}" at ${o}: replace range spans lines`);
      }
      const inv = invocationAt(a, o);
      if (inv) {
        c.span('invocation', inv.span);
        inv.argSpans.forEach((s, i) => c.span(`invocation arg ${i}`, s));
        for (const u of inv.unresolved) c.span(`unresolved ${u.text}`, u.span);
        if (inv.argv.length !== inv.argSpans.length) c.fail('invocation: argv and argSpans differ in length');
      }
    }
    quickFixes(a, { start: 0, end: n });
    const all = fixAllEdits(a);
    if (overlapping(all)) c.fail('fix-all edits overlap');
    if (all.length) {
      const fixedErrs: string[] = [];
      try {
        analyzeDoc({ ...doc, text: applyEdits(a.text, all) }, fixedErrs);
      } catch (e) {
        c.fail(`fix-all result does not re-analyse: ${(e as Error)?.message}`);
      }
      for (const e of fixedErrs) c.fail(`after fix-all: ${e}`);
    }
    if (deep) for (const f of a.findings) checkFixes(doc, a, f, c, stats);
  } catch (e) {
    c.fail(`feature threw: ${(e as Error)?.stack ?? e}`);
  }
  return c.problems;
}

/** Quick-fix codes whose fix is intentionally partial (documented in docs/security.md#fuzzing). */
export const PARTIAL_FIX_CODES: ReadonlySet<string> = new Set<string>();

function checkFixes(doc: FuzzDoc, a: DocumentAnalysis, f: Finding, c: Checker, stats: CheckStats): void {
  for (const fix of f.fixes ?? []) {
    if (overlapping(fix.edits)) continue;
    stats.fixesChecked++;
    const fixed = applyEdits(a.text, fix.edits);
    const errs: string[] = [];
    let b: DocumentAnalysis;
    try {
      b = analyzeDoc({ ...doc, text: fixed }, errs);
    } catch (e) {
      c.fail(`fix "${fix.title}" of ${f.code}: the fixed text does not re-analyse: ${(e as Error)?.message}`);
      continue;
    }
    for (const e of errs) c.fail(`after fix "${fix.title}" of ${f.code}: ${e}`);
    if (PARTIAL_FIX_CODES.has(f.code)) continue;
    const sorted = [...fix.edits].sort((x, y) => x.span.start - y.span.start);
    const start = mapOffset(f.span.start, sorted, 'start');
    const end = Math.max(start, mapOffset(f.span.end, sorted, 'end'));
    const still = b.findings.find(
      (g) => g.code === f.code && g.span.start <= end && start <= g.span.end,
    );
    if (still) {
      c.fail(`fix "${fix.title}" of ${f.code} at ${f.span.start}-${f.span.end} did not remove it (still at ${still.span.start}-${still.span.end}: ${still.message}); fixed text ${describe(fixed)}`);
    }
  }
}
