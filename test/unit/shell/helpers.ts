/** Shared helpers for the shell-layer tests. */
import assert from 'node:assert/strict';
import { analyzeShell } from '../../../server/src/engine/shell/index';
import type { QemuInvocation, ShellAnalysis, ShellWord } from '../../../server/src/engine/shell/types';
import { mapSpan, startAt } from '../../../server/src/engine/mapped';
import type { Span } from '../../../server/src/engine/text';

export function analyze(src: string): ShellAnalysis {
  return analyzeShell(src);
}

/** The only invocation in `src` (asserts there is exactly one). */
export function only(src: string): QemuInvocation {
  const r = analyzeShell(src);
  assert.equal(r.invocations.length, 1, `expected one invocation, got ${r.invocations.length}`);
  return r.invocations[0];
}

/** Argument values. */
export function args(inv: QemuInvocation): string[] {
  return inv.args.map((a) => a.value.text);
}

/** The document span of value characters [from, to) of a word. */
export function spanOf(w: ShellWord, from: number, to: number): Span {
  return mapSpan(w.value, from, to);
}

/** The document text of value characters [from, to) of a word. */
export function srcOf(src: string, w: ShellWord, from = 0, to = w.value.text.length): string {
  const s = mapSpan(w.value, from, to);
  return src.slice(s.start, s.end);
}

/** Per value character, the start offset it maps to. */
export function starts(w: ShellWord): number[] {
  return Array.from({ length: w.value.text.length }, (_, i) => startAt(w.value, i));
}

/** The document text of a word's token span. */
export function tokenOf(src: string, w: ShellWord): string {
  return src.slice(w.span.start, w.span.end);
}

/** The unknown ranges of a word as value substrings. */
export function unknownParts(w: ShellWord): string[] {
  return w.value.unknown.map((u) => w.value.text.slice(u.start, u.end));
}
