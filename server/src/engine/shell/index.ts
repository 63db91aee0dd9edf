/**
 * The shell layer: finds QEMU invocations in bash/sh scripts.
 *
 *   analyzeShell(text) -> { invocations, problems }
 *
 * Each invocation's words carry MappedString values whose characters map to
 * the exact source characters that produced them (through quotes, escapes,
 * continuations, and variable/array expansions resolved from assignments
 * earlier in the file). See scanner.ts (tokenising), expand.ts (expansion)
 * and invocations.ts (commands, variables, wrappers) for the details and the
 * documented simplifications.
 */
import type { ShellAnalysis } from './types';
import { Scanner } from './scanner';
import { eachInvocation, type InvocationContext } from './invocations';
import type { QemuInvocation, ShellProblem } from './types';

export type { ShellAnalysis, ShellWord, QemuInvocation, ShellProblem } from './types';
export { qemuBinaryName, reprocessCommand, rereadable, rereadInvocation, type InvocationContext } from './invocations';

/** Finds every QEMU invocation in a shell script. Never throws; linear time. */
export function analyzeShell(text: string): ShellAnalysis {
  const { invocations, problems } = analyzeShellWithContexts(text);
  return { invocations, problems };
}

/**
 * analyzeShell, plus per invocation what incremental re-analysis needs
 * (`contexts`, parallel to `invocations`; empty after an internal error).
 */
export function analyzeShellWithContexts(text: string): ShellAnalysis & { readonly contexts: readonly InvocationContext[] } {
  const invocations: QemuInvocation[] = [];
  const contexts: InvocationContext[] = [];
  const { problems, complete } = eachShellInvocation(text, (inv, ctx) => {
    invocations.push(inv);
    contexts.push(ctx);
  });
  // After an internal error of the scanner, no invocation is vouched for.
  return complete ? { invocations, problems, contexts } : { invocations: [], problems, contexts: [] };
}

/**
 * Streams the invocations of a script to `each` as the scan finds them (see
 * eachInvocation), with the scanner's problems so far (a live list). Returns
 * every problem; `complete` is false after an internal error of the scanner
 * (then `each` saw the invocations before it). What `each` throws propagates.
 */
export function eachShellInvocation(
  text: string,
  each: (inv: QemuInvocation, ctx: InvocationContext, problemsSoFar: readonly ShellProblem[]) => void,
): { readonly problems: readonly ShellProblem[]; readonly complete: boolean } {
  const scanner = new Scanner(text);
  // What `each` throws is the caller's: it propagates (the server logs it), it is not a script problem.
  let thrown: { readonly error: unknown } | undefined;
  try {
    eachInvocation(text, scanner, (inv, ctx) => {
      try {
        each(inv, ctx, scanner.problems);
      } catch (error) {
        thrown = { error };
        throw error;
      }
    });
    return { problems: scanner.problems, complete: true };
  } catch (e) {
    if (thrown) throw thrown.error;
    // Defensive only: the scanner and the expander are written not to throw.
    return {
      complete: false,
      problems: [...scanner.problems, { message: `Internal error while reading the script: ${(e as Error)?.message ?? e}`, span: { start: 0, end: 0 } }],
    };
  }
}
