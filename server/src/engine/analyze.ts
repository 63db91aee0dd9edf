/**
 * Document analysis: the one entry point the language features, the server
 * and the CLI share. Text in, VM models and findings out. Pure: host facts
 * come in through RuleOptions.host.
 */
import { thousands } from './format';
import { LineIndex, type Span } from './text';
import { analyzeShellWithContexts, eachShellInvocation, rereadable, rereadInvocation, type InvocationContext } from './shell';
import type { QemuInvocation, ShellProblem, ShellWord } from './shell/types';
import { buildVm } from './model/build';
import type { VmModel } from './model/types';
import { QEMU_RULES } from './rules';
import { runRules, type RunOptions } from './rules/run';
import type { Finding, Rule } from './rules/types';
import { analyzeLibvirt, type LibvirtAnalysis } from './libvirt';

export type DocumentKind = 'shell' | 'libvirt' | 'other';

export interface AnalyzeOptions extends Partial<RunOptions> {
  /** LSP language id, when known ("shellscript", "xml"). */
  readonly languageId?: string;
  /** File name or URI, used to tell the kind when the language id is not enough. */
  readonly fileName?: string;
  /** Extra rules (tests). */
  readonly rules?: readonly Rule[];
  /**
   * Values to derive from each checked shell VM while the analysis has it
   * built (`VmIndex.derived` then returns them without building the VM
   * again): the server asks for the outline, which VS Code requests right
   * after every open and edit.
   */
  readonly derive?: readonly VmDerivation[];
  /** The text's line index, when the caller keeps one (the server's open document): not made again. */
  readonly lines?: LineIndex;
}

/** A per-VM value kept with the analysis under `key`: see VmIndex.derived. */
export interface VmDerivation {
  readonly key: string;
  make(vm: VmModel): unknown;
}

export interface DocumentAnalysis {
  readonly kind: DocumentKind;
  readonly text: string;
  readonly lines: LineIndex;
  readonly vms: readonly VmModel[];
  readonly findings: readonly Finding[];
  /** Shell documents: the scanner's problems (the invocations are in `models`). */
  readonly shell?: { readonly problems: readonly ShellProblem[] };
  readonly libvirt?: LibvirtAnalysis;
  /** Shell documents analysed in full: what incremental re-analysis (incremental.ts) starts from. */
  readonly incremental?: IncrementalInfo;
  /**
   * Set on an analysis derived incrementally from an earlier one (incremental.ts):
   * `vms` and `shell` are then computed in full on first use, while `vmAt` and
   * `vmNear` answer from `partial.vm` for offsets in `partial.region`.
   */
  readonly partial?: PartialInfo;
  /** Shell documents: the VMs by invocation, built on demand (a full analysis: `vms` reads `models.list()`). */
  readonly models?: VmIndex;
}

/**
 * The VMs of a shell document by invocation index: ShellModels for a full
 * analysis, a view over the base analysis after an incremental edit
 * (incremental.ts). Features ask through it so that what they need of one
 * invocation is built once and, after an edit elsewhere, reused.
 */
export interface VmIndex {
  /** Each invocation's span (= its VM's span), in order. */
  readonly spans: readonly Span[];
  /** The VM of invocation `i`. */
  at(i: number): VmModel;
  /**
   * What `make` gives for invocation `i`'s VM, computed once per invocation
   * and kept with the analysis, then carried over to later incremental
   * analyses for the invocations an edit did not touch. So `make` must give a
   * value that does not depend on where the invocation sits in the document:
   * spans relative to the invocation's start.
   */
  derived<T>(key: string, i: number, make: (vm: VmModel) => T): T;
  /** The value `derived` holds for invocation `i`, if it was computed. */
  peek(key: string, i: number): unknown;
  /**
   * Index of the first invocation the analysis did not check (the
   * MAX_FINDINGS_PER_DOCUMENT limit), or `spans.length`. Features that
   * would build every VM (the outline) list those without building them.
   */
  readonly checked: number;
  /** Invocation `i`'s binary name and the span of the word that names it, without building its VM. */
  head(i: number): { readonly binaryName: string; readonly binarySpan: Span };
}

export interface IncrementalInfo {
  /** Parallel to `shell.invocations` and `vms`. */
  readonly contexts: readonly InvocationContext[];
  /** Each VM's findings before de-duplication, parallel to `vms`. */
  readonly perVm: readonly (readonly Finding[])[];
  /** Index of the first VM left unchecked by the MAX_FINDINGS_PER_DOCUMENT limit, if any. */
  readonly stoppedAt?: number;
}

/**
 * The VM models of a shell document, built again on demand instead of kept:
 * with thousands of invocations they are most of an analysis's memory
 * (75 MiB for the 100,000-line benchmark script), while the features ask for
 * one VM (hover, completion) or all of them once (outline, CodeLens). The
 * whole list is held through a WeakRef (the collector may drop it between
 * requests); single VMs in a small cache.
 *
 * Nor are the invocations' shell words kept (16 of 28 MiB for that script):
 * once the analysis has built a VM, `release` drops its words, and a VM
 * built again reads its command from the text again (reprocessCommand, with
 * the variables as the command read them), checked to end where it ended.
 * Commands that cannot be re-read alone (a here-document, `${V:=w}`, a
 * scanner problem inside) keep their words; a re-read that does not match
 * (which the tests say does not happen) falls back to reading the whole
 * script again.
 */
export class ShellModels implements VmIndex {
  private all: WeakRef<readonly VmModel[]> | undefined;
  private readonly recent = new Map<number, VmModel>();
  private readonly memo = new Map<string, unknown[]>();
  /** Each invocation's span (= its VM's span), in order. */
  readonly spans: Span[] = [];
  /** Where the analysis stopped checking (MAX_FINDINGS_PER_DOCUMENT), if it did. */
  stoppedAt: number | undefined;
  private readonly names: string[] = [];
  private readonly binarySpans: Span[] = [];
  /** Each invocation's words while kept; null once released. */
  private readonly words: (readonly ShellWord[] | null)[] = [];
  private readonly contexts: InvocationContext[] = [];
  /** Each invocation's context (what incremental re-analysis starts from). */
  get contextList(): readonly InvocationContext[] {
    return this.contexts;
  }
  private rescanned: readonly QemuInvocation[] | undefined;
  /** How often a re-read did not match and the whole script was read again (tests: never). */
  static fallbacks = 0;

  constructor(private readonly text: string) {}

  /** Appends the next invocation; returns its index. */
  add(inv: QemuInvocation, ctx: InvocationContext): number {
    this.spans.push(inv.span);
    this.names.push(inv.binaryName);
    this.binarySpans.push(inv.binary.span);
    this.words.push(inv.args);
    this.contexts.push(ctx);
    return this.spans.length - 1;
  }

  /**
   * Drops invocation `i`'s words if its command can be read again from the
   * text alone; not when the scanner reported a problem while reading it
   * (`problem`: the caller tells).
   */
  release(i: number, problem = false): void {
    if (problem || !rereadable(this.text.slice(this.spans[i].start, this.contexts[i].termStart))) return;
    this.words[i] = null;
  }

  /** Invocation `i`'s words: kept, or read again from the text. */
  private argsOf(i: number): readonly ShellWord[] {
    const kept = this.words[i];
    if (kept) return kept;
    const span = this.spans[i];
    const inv = rereadInvocation(this.text, span.start, this.contexts[i]);
    if (inv && inv.span.start === span.start && inv.span.end === span.end && inv.binaryName === this.names[i]) return inv.args;
    ShellModels.fallbacks++;
    this.rescanned ??= analyzeShellWithContexts(this.text).invocations;
    return this.rescanned[i]?.args ?? [];
  }

  /** Builds invocation `i`'s VM (not cached). */
  build(i: number): VmModel {
    return buildVm({ origin: 'shell', binaryName: this.names[i], binarySpan: this.binarySpans[i], span: this.spans[i], args: this.argsOf(i) });
  }

  head(i: number): { readonly binaryName: string; readonly binarySpan: Span } {
    return { binaryName: this.names[i], binarySpan: this.binarySpans[i] };
  }

  get checked(): number {
    return this.stoppedAt ?? this.spans.length;
  }

  /** Every VM, in invocation order. */
  list(): readonly VmModel[] {
    const held = this.all?.deref();
    if (held) return held;
    const list = this.spans.map((_, i) => this.recent.get(i) ?? this.build(i));
    this.all = new WeakRef(list);
    return list;
  }

  /** The VM of invocation `i`. */
  at(i: number): VmModel {
    const held = this.all?.deref();
    if (held) return held[i];
    let vm = this.recent.get(i);
    if (vm) return vm;
    vm = this.build(i);
    if (this.recent.size >= 8) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(i, vm);
    return vm;
  }

  /** The per-invocation values kept under `key`. */
  private values(key: string): unknown[] {
    let values = this.memo.get(key);
    if (!values) this.memo.set(key, (values = new Array<unknown>(this.spans.length)));
    return values;
  }

  derived<T>(key: string, i: number, make: (vm: VmModel) => T): T {
    const values = this.values(key);
    if (values[i] !== undefined) return values[i] as T;
    // Built for `make` and dropped (not through the small cache of `at`): the outline asks for every VM once.
    const vm = this.all?.deref()?.[i] ?? this.recent.get(i) ?? this.build(i);
    const value = make(vm);
    values[i] = value;
    return value;
  }

  peek(key: string, i: number): unknown {
    return this.memo.get(key)?.[i];
  }

  /** Stores what `make` gave for invocation `i` (the analysis, which has the VM built anyway). */
  keep(key: string, i: number, value: unknown): void {
    this.values(key)[i] = value;
  }

  /** The keys `derived` has been asked for. */
  derivedKeys(): IterableIterator<string> {
    return this.memo.keys();
  }

  /** Takes over values computed for the same invocations elsewhere (an incremental analysis of this text). */
  adopt(key: string, value: (i: number) => unknown): void {
    if (this.memo.has(key)) return;
    this.memo.set(key, Array.from({ length: this.spans.length }, (_, i) => value(i)));
  }
}

/**
 * A shell script's full analysis; `vms` built when asked for. A class, not
 * an object literal with a getter: V8 gives each such literal a hidden class
 * of its own (in the old generation, holding the getter and so the whole
 * analysis) that only a full collection frees. incremental.ts has the
 * measurement.
 */
class FullShellAnalysis implements DocumentAnalysis {
  readonly kind = 'shell';
  constructor(
    readonly text: string,
    readonly lines: LineIndex,
    readonly models: ShellModels,
    readonly findings: readonly Finding[],
    readonly shell: { readonly problems: readonly ShellProblem[] },
    readonly incremental: IncrementalInfo | undefined,
  ) {}

  get vms(): readonly VmModel[] {
    return this.models.list();
  }
}

export function vmOfInvocation(inv: QemuInvocation): VmModel {
  return buildVm({ origin: 'shell', binaryName: inv.binaryName, binarySpan: inv.binary.span, span: inv.span, args: inv.args });
}

export interface PartialInfo {
  /** The invocation that was read again. */
  readonly vm: VmModel;
  /** Document offsets [start, end] (inclusive) that no other invocation can hold. */
  readonly region: Span;
}

export const DEFAULT_QEMU_VERSION = '7.2';

/**
 * Once the invocations checked so far hold this many findings, the rest of a
 * shell document is not checked: one information finding
 * (`problems-not-checked`) marks where checking stopped. A real script has
 * far fewer (the 100,000-line benchmark script: about 6,300); broken input
 * (an unclosed quote gluing a file into thousands of commands) can have
 * hundreds of thousands, which would cost seconds and megabytes of
 * diagnostics the editor cannot show usefully anyway.
 */
export const MAX_FINDINGS_PER_DOCUMENT = 10_000;

/** The finding that marks where checking stopped. */
export function stoppedFinding(binarySpan: Span, found: number, left: number): Finding {
  return {
    code: 'problems-not-checked',
    severity: 'information',
    span: binarySpan,
    message:
      `qemu-pmem stopped checking here: the ${thousands(found)} problems above reach the limit of ${thousands(MAX_FINDINGS_PER_DOCUMENT)} per file, ` +
      `so this command and the ${thousands(left - 1)} after it are not checked. Fix the problems above (often one unclosed quote) and checking resumes.`,
  };
}

const SHELL_EXT = /\.(sh|bash|ksh|zsh|command)$/i;
const SHEBANG = /^#!\s*(?:\S*\/)?(?:env\s+)?(?:ba|da|k|z)?sh\b/;

/** Tells which kind of document this is. */
export function documentKind(text: string, languageId?: string, fileName?: string): DocumentKind {
  if (languageId === 'shellscript') return 'shell';
  if (languageId === 'xml' || (fileName && /\.xml$/i.test(fileName))) {
    return looksLikeDomain(text) ? 'libvirt' : 'other';
  }
  if (fileName && SHELL_EXT.test(fileName)) return 'shell';
  if (SHEBANG.test(text)) return 'shell';
  if (!languageId && looksLikeDomain(text)) return 'libvirt';
  return languageId ? 'other' : 'shell';
}

/** Root element is <domain> (after the prolog, comments and doctype). */
export function looksLikeDomain(text: string): boolean {
  const m = /^(?:\uFEFF)?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<domain[\s>/]/.exec(text.slice(0, 65536));
  return m !== null;
}

export function runAll(vm: VmModel, text: string, options: AnalyzeOptions): Finding[] {
  const rules = options.rules ? [...QEMU_RULES, ...options.rules] : QEMU_RULES;
  return runRules(rules, vm, text, {
    qemuVersion: options.qemuVersion ?? DEFAULT_QEMU_VERSION,
    host: options.host,
    disabled: options.disabled,
    severity: options.severity,
    onRuleError: options.onRuleError,
  });
}

export function analyze(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  const lines = options.lines ?? new LineIndex(text);
  const kind = documentKind(text, options.languageId, options.fileName);
  if (kind === 'shell') {
    const findings: Finding[] = [];
    const perVm: Finding[][] = [];
    const models = new ShellModels(text);
    const derive = options.derive ?? [];
    let problemsBefore = 0;
    // Each invocation is checked as soon as the scan finds it, and its words
    // released, so the words of one command at a time are alive (not of the
    // whole script: fewer survivors for the collector to copy).
    const { problems, complete } = eachShellInvocation(text, (inv, ctx, problemsSoFar) => {
      const i = models.add(inv, ctx);
      const problem = problemsSoFar.length > problemsBefore;
      problemsBefore = problemsSoFar.length;
      // At the limit checking stops; the note is written once the scan has counted the invocations left.
      if (models.stoppedAt === undefined && findings.length >= MAX_FINDINGS_PER_DOCUMENT) models.stoppedAt = i;
      if (models.stoppedAt !== undefined) {
        perVm.push([]);
        models.release(i, problem);
        return;
      }
      const vm = vmOfInvocation(inv);
      const own = runAll(vm, text, options);
      perVm.push(own);
      for (const f of own) findings.push(f);
      for (const d of derive) {
        try {
          models.keep(d.key, i, d.make(vm));
        } catch {
          // Not kept: made again when a feature asks (VmIndex.derived), where a failure is logged.
        }
      }
      models.release(i, problem);
    });
    const stoppedAt = models.stoppedAt;
    if (stoppedAt !== undefined) {
      const note = stoppedFinding(models.head(stoppedAt).binarySpan, findings.length, models.spans.length - stoppedAt);
      findings.push(note);
      perVm[stoppedAt] = [note];
    }
    const shell = { problems };
    const incremental = complete ? { contexts: models.contextList, perVm, stoppedAt } : undefined;
    return new FullShellAnalysis(text, lines, models, dedupe(withoutFixesAfter(findings, shell.problems)), shell, incremental);
  }
  if (kind === 'libvirt') {
    const libvirt = analyzeLibvirt(text, {
      qemuVersion: options.qemuVersion ?? DEFAULT_QEMU_VERSION,
      host: options.host,
      disabled: options.disabled,
      severity: options.severity,
      onRuleError: options.onRuleError,
    });
    return { kind, text, lines, vms: libvirt.vm ? [libvirt.vm] : [], findings: dedupe(libvirt.findings), libvirt };
  }
  return { kind, text, lines, vms: [], findings: [] };
}

/**
 * After a scanner problem (an unclosed quote runs to the end of the file) the
 * text is not shell words any more: an edit there could land inside a quote.
 * Findings stay; fixes with an edit at or after the first problem are dropped.
 */
function withoutFixesAfter(findings: Finding[], problems: readonly { span: Span }[]): Finding[] {
  if (!problems.length) return findings;
  const from = Math.min(...problems.map((p) => p.span.start));
  return findings.map((f) => {
    if (!f.fixes?.some((x) => x.edits.some((e) => e.span.end >= from))) return f;
    return { ...f, fixes: f.fixes.filter((x) => x.edits.every((e) => e.span.end < from)) };
  });
}

/**
 * A value that came from a variable can be reached by several invocations;
 * the same finding at the same place is reported once.
 */
export function dedupe(findings: readonly Finding[]): Finding[] {
  // Keyed by code and span; messages (long strings) are compared only when those meet.
  const seen = new Map<string, Finding | Finding[]>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = `${f.code}\u0000${f.span.start}\u0000${f.span.end}`;
    const prev = seen.get(key);
    if (prev === undefined) seen.set(key, f);
    else if (Array.isArray(prev)) {
      if (prev.some((g) => g.message === f.message)) continue;
      prev.push(f);
    } else {
      if (prev.message === f.message) continue;
      seen.set(key, [prev, f]);
    }
    out.push(f);
  }
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** The VMs of an analysis by index, with their spans: built on demand for shell documents. */
function indexed(a: DocumentAnalysis): Pick<VmIndex, 'spans' | 'at'> {
  if (a.models) return a.models;
  const vms = a.vms;
  return { spans: vms.map((vm) => vm.span), at: (i) => vms[i] };
}

/** The VM model whose invocation holds `offset`. */
export function vmAt(a: DocumentAnalysis, offset: number): VmModel | undefined {
  const p = a.partial;
  if (p && offset >= p.region.start && offset <= p.region.end) {
    return offset >= p.vm.span.start && offset <= p.vm.span.end ? p.vm : undefined;
  }
  // The smallest invocation holding the offset (a command substitution can sit inside another command).
  const ix = indexed(a);
  const spans = ix.spans;
  let best = -1;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (offset >= s.start && offset <= s.end && (best < 0 || s.end - s.start < spans[best].end - spans[best].start)) best = i;
  }
  return best < 0 ? undefined : ix.at(best);
}

/**
 * The invocation holding `offset`, else the first one that ends just before
 * it (the cursor right after an invocation's last word).
 */
export function vmNear(a: DocumentAnalysis, offset: number): VmModel | undefined {
  const hit = vmAt(a, offset);
  if (hit) return hit;
  const p = a.partial;
  if (p && offset >= p.region.start && offset <= p.region.end) {
    return offset >= p.vm.span.start && offset <= p.vm.span.end + 1 ? p.vm : undefined;
  }
  const ix = indexed(a);
  const i = ix.spans.findIndex((s) => offset >= s.start && offset <= s.end + 1);
  return i < 0 ? undefined : ix.at(i);
}

/** The first invocation that starts at or after `offset` (a CodeLens sits above it). */
export function vmBelow(a: DocumentAnalysis, offset: number): VmModel | undefined {
  const ix = indexed(a);
  const i = ix.spans.findIndex((s) => s.start >= offset);
  return i < 0 ? undefined : ix.at(i);
}

/** The span of each invocation (= its VM's span), without building the VMs. */
export function vmSpans(a: DocumentAnalysis): readonly Span[] {
  return indexed(a).spans;
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

