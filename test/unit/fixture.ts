/**
 * Fixture helpers with markers, rust-analyzer style:
 *   ⟦...⟧  the exact span a finding must cover (several allowed)
 *   ┃      the cursor, for completion and hover
 * The markers are removed before analysis; spans are checked in the clean text.
 */
import assert from 'node:assert/strict';
import { analyze, type AnalyzeOptions, type DocumentAnalysis } from '../../server/src/engine/analyze';
import { applyEdits, fixAllEdits } from '../../server/src/engine/features/code-actions';
import type { Finding } from '../../server/src/engine/rules/types';
import type { Span } from '../../server/src/engine/text';

export interface Marked {
  text: string;
  spans: Span[];
  cursor?: number;
}

export function parseMarkers(marked: string): Marked {
  let text = '';
  const spans: Span[] = [];
  const open: number[] = [];
  let cursor: number | undefined;
  for (const ch of marked) {
    if (ch === '⟦') open.push(text.length);
    else if (ch === '⟧') spans.push({ start: open.pop()!, end: text.length });
    else if (ch === '┃') cursor = text.length;
    else text += ch;
  }
  assert.equal(open.length, 0, 'unbalanced ⟦ ⟧ markers');
  spans.sort((a, b) => a.start - b.start);
  return { text, spans, cursor };
}

/** Shell by default; pass { fileName: 'x.xml' } for libvirt XML. */
export function run(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  return analyze(text, { fileName: 'test.sh', ...options });
}

export function findingsOf(a: DocumentAnalysis, code: string): Finding[] {
  return a.findings.filter((f) => f.code === code);
}

/** Asserts that `code` is reported exactly at the marked spans (and nowhere else). */
export function expectFindings(marked: string, code: string, options: AnalyzeOptions = {}): Finding[] {
  const m = parseMarkers(marked);
  const a = run(m.text, options);
  const got = findingsOf(a, code);
  const show = (s: Span) => `${s.start}-${s.end} ${JSON.stringify(m.text.slice(s.start, s.end))}`;
  assert.deepEqual(
    got.map((f) => show(f.span)),
    m.spans.map(show),
    `findings of ${code}:\n${got.map((f) => `  ${show(f.span)}: ${f.message}`).join('\n') || '  (none)'}`,
  );
  return got;
}

/** Asserts that `code` is not reported. */
export function expectNone(text: string, code: string, options: AnalyzeOptions = {}): void {
  const got = findingsOf(run(text, options), code);
  assert.deepEqual(got.map((f) => f.message), [], `expected no ${code}`);
}

/**
 * Applies the fix titled `title` (or the first fix) of the first finding of
 * `code`; returns the new text and asserts that the finding is gone.
 */
export function applyFix(text: string, code: string, title?: string | RegExp, options: AnalyzeOptions = {}): string {
  const a = run(text, options);
  const f = findingsOf(a, code)[0];
  assert.ok(f, `no ${code} finding to fix`);
  const fix = (f.fixes ?? []).find((x) => title === undefined || (typeof title === 'string' ? x.title === title : title.test(x.title)));
  assert.ok(fix, `no fix ${String(title)} on ${code}; have: ${(f.fixes ?? []).map((x) => x.title).join(', ')}`);
  const out = applyEdits(text, fix.edits);
  const after = findingsOf(run(out, options), code).filter((g) => g.message === f.message);
  assert.equal(after.length, 0, `the fix left ${code} in place:\n${out}`);
  return out;
}

/** Applies fix-all once. */
export function fixAll(text: string, options: AnalyzeOptions = {}): string {
  return applyEdits(text, fixAllEdits(run(text, options)));
}
