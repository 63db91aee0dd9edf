/**
 * Incremental re-analysis of a shell script after an edit that stays inside
 * one QEMU invocation's command: that command alone is read again (with the
 * variables it read, as logged during the full analysis), its VM model is
 * rebuilt and its rules re-run; every other invocation's findings are reused,
 * shifted by the edit's length change. The result is exactly what a full
 * analysis of the new text would report (findings and the edited VM); the
 * other VMs are computed in full only if something asks for them (`vms`).
 *
 * Why the rest of the document cannot change: the command starts where the
 * scanner is in its normal state (a command start) and still ends at the same
 * control operator (checked), has no here-document (whose body would follow
 * the line) and assigns no variable (`${V:=w}`; checked), so the tokens, the
 * variables and hence the invocations after it are the same text, shifted.
 * Values of other invocations map only to text outside this command.
 */
import { analyze, dedupe, documentKind, MAX_FINDINGS_PER_DOCUMENT, runAll, ShellModels, vmOfInvocation, type AnalyzeOptions, type DocumentAnalysis, type PartialInfo, type VmIndex } from './analyze';
import type { VmModel } from './model/types';
import type { Finding } from './rules/types';
import { rereadable, rereadInvocation } from './shell';
import { lastStartingAtOrBefore, LineIndex, type Span } from './text';

/** One replaced range: old [start, oldEnd) became new [start, newEnd). */
export interface TextChange {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** Folds a change (in the coordinates of the text it applies to) into `acc` (relative to the base text). */
export function composeChange(acc: TextChange | undefined, start: number, end: number, insertedLength: number): TextChange {
  if (!acc) return { start, oldEnd: end, newEnd: start + insertedLength };
  let { start: s, oldEnd, newEnd } = acc;
  if (end > newEnd) {
    oldEnd += end - newEnd; // the change reaches past the changed region: widen it in both texts
    newEnd = end;
  }
  if (start < s) s = start; // text before the region is the same in both texts
  newEnd += insertedLength - (end - start);
  return { start: s, oldEnd, newEnd };
}

/**
 * The VMs of an incremental analysis: invocation `edited` is the one read
 * again; the others are the base's, the ones after it moved by `delta`.
 * Their spans and their `derived` values (relative to the invocation, so
 * unchanged by the move) come from the base without building anything; a
 * VM other than the edited one is taken from a full analysis (`full`).
 */
class PartialModels implements VmIndex {
  private spanList: Span[] | undefined;
  private readonly own = new Map<string, unknown>();
  constructor(
    private readonly base: ShellModels,
    private readonly edited: number,
    private readonly vm: VmModel,
    private readonly delta: number,
    private readonly full: () => DocumentAnalysis,
  ) {}

  get spans(): readonly Span[] {
    if (!this.spanList) {
      const { edited } = this;
      this.spanList = this.base.spans.map((s, j) => (j === edited ? this.vm.span : this.moved(j, s)));
    }
    return this.spanList;
  }

  private fullModels(): VmIndex {
    return this.full().models!;
  }

  at(i: number): VmModel {
    return i === this.edited ? this.vm : this.fullModels().at(i);
  }

  derived<T>(key: string, i: number, make: (vm: VmModel) => T): T {
    if (i === this.edited) {
      if (!this.own.has(key)) this.own.set(key, make(this.vm));
      return this.own.get(key) as T;
    }
    const kept = this.base.peek(key, i);
    return kept !== undefined ? (kept as T) : this.fullModels().derived(key, i, make);
  }

  peek(key: string, i: number): unknown {
    return i === this.edited ? this.own.get(key) : this.base.peek(key, i);
  }

  /** A base that stopped checking is not analysed incrementally (reanalyze): every invocation is checked. */
  get checked(): number {
    return this.base.spans.length;
  }

  /** Span `s` of the base's invocation `j` (not the edited one) in the new text. */
  private moved(j: number, s: Span): Span {
    return j < this.edited || this.delta === 0 ? s : { start: s.start + this.delta, end: s.end + this.delta };
  }

  head(i: number): { readonly binaryName: string; readonly binarySpan: Span } {
    if (i === this.edited) return { binaryName: this.vm.binaryName, binarySpan: this.vm.binarySpan };
    const h = this.base.head(i);
    return { binaryName: h.binaryName, binarySpan: this.moved(i, h.binarySpan) };
  }

  /** Hands what is known over to the full analysis of the same text. */
  carryTo(models: VmIndex | undefined): void {
    if (!(models instanceof ShellModels) || models.spans.length !== this.base.spans.length) return;
    for (const key of new Set([...this.base.derivedKeys(), ...this.own.keys()])) models.adopt(key, (j) => this.peek(key, j));
  }
}

/**
 * The analysis of `text`, which is `base.text` with change `c`, or undefined
 * when the change is not confined to one invocation's command (then the
 * caller analyses in full). `onFull` is told when the full analysis is made.
 */
export function reanalyze(
  base: DocumentAnalysis,
  text: string,
  c: TextChange,
  options: AnalyzeOptions,
  onFull?: (full: DocumentAnalysis) => void,
): DocumentAnalysis | undefined {
  const info = base.incremental;
  const shell = base.shell;
  const baseModels = base.models;
  if (!info || !shell || !(baseModels instanceof ShellModels) || base.kind !== 'shell' || shell.problems.length) return undefined;
  // Where checking stops depends on every invocation's findings: analyse in full.
  if (info.stoppedAt !== undefined) return undefined;
  if (documentKind(text, options.languageId, options.fileName) !== 'shell') return undefined;
  const spans = baseModels.spans;
  // The last invocation starting at or before the change.
  const i = lastStartingAtOrBefore(spans, c.start);
  if (i < 0) return undefined;
  const ctx = info.contexts[i];
  if (c.oldEnd > ctx.termStart) return undefined;
  const s0 = spans[i].start;
  const delta = c.newEnd - c.oldEnd;
  if (!rereadable(base.text.slice(s0, ctx.termStart))) return undefined;
  const ni = rereadInvocation(text, s0, ctx, delta);
  if (!ni) return undefined;
  const vm = vmOfInvocation(ni);

  // Findings of the invocations after the change move with the text.
  const shift = (p: number) => (p >= c.oldEnd ? p + delta : p);
  const shiftSpan = (s: Span): Span => (s.end < c.oldEnd ? s : { start: shift(s.start), end: shift(s.end) });
  const shiftFinding = (f: Finding): Finding => {
    const g: { -readonly [K in keyof Finding]: Finding[K] } = { ...f, span: shiftSpan(f.span) };
    if (f.fixes) g.fixes = f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, span: shiftSpan(e.span) })) }));
    if (f.related) g.related = f.related.map((x) => ({ ...x, span: shiftSpan(x.span) }));
    return g;
  };
  // Computed when first asked for (diagnostics), not for completion or hover.
  let findings: Finding[] | undefined;
  const getFindings = (): Finding[] => {
    if (findings) return findings;
    const own = runAll(vm, text, options);
    let count = own.length;
    for (let j = 0; j < info.perVm.length; j++) if (j !== i) count += info.perVm[j].length;
    // The edit takes the document over the limit: where checking stops is for a full analysis to say.
    if (count >= MAX_FINDINGS_PER_DOCUMENT) return (findings = [...getFull().findings]);
    const all: Finding[] = [];
    for (let j = 0; j < info.perVm.length; j++) {
      if (j < i) for (const f of info.perVm[j]) all.push(f);
      else if (j === i) for (const f of own) all.push(f);
      else for (const f of info.perVm[j]) all.push(delta === 0 ? f : shiftFinding(f));
    }
    return (findings = dedupe(all));
  };
  const lines = options.lines ?? LineIndex.afterEdit(base.lines, text, c.start, c.oldEnd, c.newEnd);

  let full: DocumentAnalysis | undefined;
  const getFull = (): DocumentAnalysis => {
    if (!full) {
      full = analyze(text, options);
      models?.carryTo(full.models);
      onFull?.(full);
    }
    return full;
  };
  const models = new PartialModels(baseModels, i, vm, delta, getFull);
  return new IncrementalAnalysis(text, lines, { vm, region: { start: s0, end: ctx.termStart + delta } }, models, getFindings, getFull);
}

/**
 * What reanalyze returns: `findings` when first asked for, `vms` and `shell`
 * from the full analysis. A class, not an object literal with getters: V8
 * gives each such literal a hidden class of its own, in the old generation,
 * holding its getters, so every edit's analysis (and its copy of the text)
 * stayed reachable for scavenges until the next full collection: 24 copies
 * of the 20k-line script, 17 MB, promoted at every scavenge while typing.
 */
class IncrementalAnalysis implements DocumentAnalysis {
  readonly kind = 'shell';
  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    readonly partial: PartialInfo,
    readonly models: PartialModels,
    private readonly getFindings: () => Finding[],
    private readonly getFull: () => DocumentAnalysis,
  ) {}

  get findings(): readonly Finding[] {
    return this.getFindings();
  }

  get vms(): readonly VmModel[] {
    return this.getFull().vms;
  }

  get shell(): DocumentAnalysis['shell'] {
    return this.getFull().shell;
  }
}
