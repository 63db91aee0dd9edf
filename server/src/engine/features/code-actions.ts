/**
 * Quick fixes and fix-all, from the findings' fixes. Pure over the analysis.
 */
import type { DocumentAnalysis } from '../analyze';
import type { Finding, Fix, TextEdit } from '../rules/types';
import type { Span } from '../text';

export interface CodeActionResult {
  readonly title: string;
  readonly kind: 'quickfix' | 'source.fixAll';
  readonly edits: readonly TextEdit[];
  readonly finding?: Finding;
  readonly preferred: boolean;
}

function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** Quick fixes for findings touching `range` (optionally only the given codes). */
export function quickFixes(a: DocumentAnalysis, range: Span, onlyCodes?: ReadonlySet<string>): CodeActionResult[] {
  const out: CodeActionResult[] = [];
  for (const f of a.findings) {
    if (!overlaps(f.span, range)) continue;
    if (onlyCodes && !onlyCodes.has(f.code)) continue;
    (f.fixes ?? []).forEach((fix: Fix, i: number) => {
      out.push({ title: fix.title, kind: 'quickfix', edits: fix.edits, finding: f, preferred: fix.safe && i === 0 });
    });
  }
  return out;
}

/**
 * Every safe fix at once. Identical edits (two rules adding the same -m) apply
 * once; an edit that overlaps one already taken waits for the next round.
 */
export function fixAllEdits(a: DocumentAnalysis): TextEdit[] {
  const taken: TextEdit[] = [];
  const spans = new SpanSet();
  const seen = new Set<string>();
  for (const f of a.findings) {
    const fix = (f.fixes ?? []).find((x) => x.safe);
    if (!fix) continue;
    const keys = fix.edits.map((e) => `${e.span.start}:${e.span.end}:${e.newText}`);
    if (keys.every((k) => seen.has(k))) continue;
    const fresh = fix.edits.filter((_, i) => !seen.has(keys[i]));
    if (fresh.some((e) => spans.overlaps(e.span))) continue;
    for (const e of fresh) {
      taken.push(e);
      spans.add(e.span);
    }
    for (const k of keys) seen.add(k);
  }
  // Stable: insertions at one point keep the order the rules produced them in.
  return taken.map((e, i) => ({ e, i })).sort((x, y) => x.e.span.start - y.e.span.start || x.i - y.i).map((x) => x.e);
}

/**
 * Spans of the edits taken so far, sorted by start and pairwise
 * non-overlapping, so that fix-all stays fast with thousands of findings.
 */
class SpanSet {
  private readonly s: Span[] = [];

  /** First index whose start is >= x. */
  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.s[mid].start < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Same test as before: e.start < t.end && t.start < e.end for some taken t. */
  overlaps(e: Span): boolean {
    // Only spans starting before e.end can overlap; walk back until a non-empty
    // span ends at or before e.start (everything earlier ends before it).
    for (let j = this.lowerBound(e.end) - 1; j >= 0; j--) {
      const t = this.s[j];
      if (e.start < t.end && t.start < e.end) return true;
      if (t.start < t.end && t.end <= e.start) return false;
    }
    return false;
  }

  add(e: Span): void {
    this.s.splice(this.lowerBound(e.start + 1), 0, e);
  }
}

/** Applies edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  // From the end backwards; among insertions at one point, the last first, so they end up in list order.
  const sorted = edits.map((e, i) => ({ e, i })).sort((x, y) => y.e.span.start - x.e.span.start || y.i - x.i);
  let out = text;
  for (const { e } of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** Fix-all to a fixed point (a few rounds), e.g. for the CLI's --fix. */
export function fixAllText(text: string, analyzeFn: (t: string) => DocumentAnalysis, rounds = 4): string {
  let cur = text;
  for (let i = 0; i < rounds; i++) {
    const edits = fixAllEdits(analyzeFn(cur));
    if (!edits.length) break;
    cur = applyEdits(cur, edits);
  }
  return cur;
}
