/**
 * qemuPmem/invocation: the argv of the invocation at a line, from our parsed
 * model (never from running the script), for Launch/Test in QEMU.
 */
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { invocationAt } from '../../engine/features/invocation';
import { toDiagnostic } from '../convert';
import { optionalUint, requireUri } from '../validate';

export const INVOCATION_REQUEST = 'qemuPmem/invocation';

export interface InvocationParams {
  uri: string;
  /** 0-based line inside the invocation; the first invocation when absent. */
  line?: number;
}

export interface InvocationResult {
  binaryName: string;
  argv: string[];
  /** Range of each argv word (for mapping QEMU's error lines back). */
  argRanges: Range[];
  /** Unresolved expansions the user must supply ($VAR), with where they are. */
  unresolved: { text: string; name: string | null; range: Range; argIndex: number }[];
  /** Command substitutions or other expansions that cannot be supplied: launching is refused. */
  refused: string | null;
  range: Range;
  errors: Diagnostic[];
  origin: 'shell' | 'libvirt';
}

export function registerInvocation(state: ServerState): void {
  state.connection.onRequest(INVOCATION_REQUEST, (params: InvocationParams, token) =>
    state.guard<InvocationResult | null>('invocation', null, () => {
      const uri = requireUri(params, true);
      const line = optionalUint(params, 'line');
      const cached = state.get(uri);
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      const offset = line === undefined ? undefined : analysis.lines.offsetAt({ line, character: 0 });
      const inv = invocationAt(analysis, offset);
      if (!inv) return null;
      const r = (s: { start: number; end: number }) => analysis.lines.rangeOf(s);
      return {
        binaryName: inv.binaryName,
        argv: inv.argv,
        argRanges: inv.argSpans.map(r),
        unresolved: inv.unresolved.map((u) => ({ text: u.text, name: u.name, range: r(u.span), argIndex: u.argIndex })),
        refused: inv.refused,
        range: r(inv.span),
        errors: inv.errors.map((f) => toDiagnostic(analysis.lines, uri, f)),
        origin: inv.origin,
      };
    }, token),
  );
}
