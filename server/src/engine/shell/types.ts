/**
 * The shell layer's output: QEMU invocations found in a shell script, each
 * split into words whose values map back to exact document spans.
 */
import type { MappedString } from '../mapped';
import type { Span } from '../text';

/** One argument as the program would receive it. */
export interface ShellWord {
  /** The value after quote removal, escapes, continuations and known expansions. */
  readonly value: MappedString;
  /** The source text that produced the word (whole token, quotes included). */
  readonly span: Span;
}

export interface QemuInvocation {
  /** The word that names the binary (after wrappers such as sudo, exec, env). */
  readonly binary: ShellWord;
  /** Basename of the binary as resolved, e.g. "qemu-system-x86_64" or "qemu-kvm". */
  readonly binaryName: string;
  /** The arguments after the binary, with known variables and arrays expanded. */
  readonly args: readonly ShellWord[];
  /** From the first word of the command (wrappers included) to the end of its last word. */
  readonly span: Span;
}

export interface ShellProblem {
  readonly message: string;
  readonly span: Span;
}

export interface ShellAnalysis {
  readonly invocations: readonly QemuInvocation[];
  /** Scanner problems worth telling the user (an unclosed quote, say). */
  readonly problems: readonly ShellProblem[];
}
