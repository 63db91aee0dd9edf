/**
 * The rule mechanism. A rule is one small pure module with a stable code:
 * given a context, it reports findings. Adding a rule is one file in this
 * folder, one line in ./index.ts, one page in docs/rules/<code>.md and one
 * fixture test in test/unit/rules/<code>.test.ts.
 */
import type { Span } from '../text';
import type { VmModel } from '../model/types';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe to apply without looking (part of source.fixAll). */
  readonly safe: boolean;
}

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly { span: Span; message: string }[];
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}

export type RuleCategory =
  | 'syntax'
  | 'machine'
  | 'memory'
  | 'nvdimm'
  | 'virtio-pmem'
  | 'backend'
  | 'persistence'
  | 'host'
  | 'libvirt';

export interface RuleMeta {
  /** Stable, kebab-case; never renamed once released. */
  readonly code: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** One line for docs and settings. */
  readonly title: string;
  /** The message QEMU (or libvirt) prints, when it prints one. */
  readonly upstreamMessage?: string;
}

/** Facts about the host, injected so rules stay pure and testable. */
export interface HostView {
  /** stat() without following writes; undefined when the path does not exist or cannot be read. */
  stat(path: string): { kind: 'file' | 'dir' | 'symlink' | 'device' | 'other'; size: number } | undefined;
}

export interface RuleOptions {
  /** QEMU version the user targets, e.g. "7.2". */
  readonly qemuVersion: string;
  /** Host checks (stat of backing files); absent disables them. */
  readonly host?: HostView;
}

export interface RuleContext {
  readonly vm: VmModel;
  readonly text: string;
  readonly options: RuleOptions;
  report(finding: Omit<Finding, 'code' | 'severity'> & { severity?: Severity }): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}
