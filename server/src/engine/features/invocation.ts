/**
 * The argv of one invocation as QEMU would receive it, for Launch and Test
 * in QEMU. Built from the model only: nothing is executed, and what cannot
 * be known statically is listed rather than guessed.
 */
import type { DocumentAnalysis } from '../analyze';
import { vmAt, vmBelow } from '../analyze';
import type { VmModel } from '../model/types';
import type { Finding } from '../rules/types';
import type { Span } from '../text';
import { endAt, startAt, type MappedString } from '../mapped';

export interface Unresolved {
  /** As written, e.g. "$IMG" or "${SIZE}". */
  readonly text: string;
  /** The variable name, when it is a plain variable. */
  readonly name: string | null;
  readonly span: Span;
  readonly argIndex: number;
}

export interface InvocationInfo {
  readonly origin: 'shell' | 'libvirt';
  readonly binaryName: string;
  readonly argv: string[];
  readonly argSpans: Span[];
  readonly unresolved: Unresolved[];
  /** Why the invocation cannot be launched as written (command substitution...), or null. */
  readonly refused: string | null;
  readonly span: Span;
  readonly errors: Finding[];
  readonly vm: VmModel;
}

const VAR = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

export function invocationAt(a: DocumentAnalysis, offset?: number): InvocationInfo | undefined {
  const vm = offset === undefined ? (a.models ? a.models.spans.length ? a.models.at(0) : undefined : a.vms[0]) : vmAt(a, offset) ?? vmBelow(a, offset);
  if (!vm) return undefined;
  const argv: string[] = [];
  const argSpans: Span[] = [];
  const unresolved: Unresolved[] = [];
  let refused: string | null = null;
  vm.args.forEach((w, i) => {
    argv.push(w.value.text);
    argSpans.push(w.span);
    for (const u of w.value.unknown) {
      const text = w.value.text.slice(u.start, u.end);
      const m = VAR.exec(text);
      if (m) {
        unresolved.push({ text, name: m[1], span: spanOf(w.value, u.start, u.end, w.span), argIndex: i });
      } else if (!refused) {
        refused = text.startsWith('$(') || text.startsWith('`')
          ? `it uses a command substitution (${text.slice(0, 40)}), which is never run`
          : `it uses an expansion that cannot be known without running the script (${text.slice(0, 40)})`;
      }
    }
  });
  const errors = a.findings.filter((f) => f.severity === 'error' && f.span.start >= vm.span.start && f.span.end <= vm.span.end);
  return { origin: vm.origin, binaryName: vm.binaryName, argv, argSpans, unresolved, refused, span: vm.span, errors, vm };
}

function spanOf(m: MappedString, from: number, to: number, fallback: Span): Span {
  if (from >= m.text.length || to <= from) return fallback;
  return { start: startAt(m, from), end: endAt(m, to - 1) };
}
