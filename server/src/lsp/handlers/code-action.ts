/** textDocument/codeAction: quick fixes and source.fixAll */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { fixAllEdits, quickFixes } from '../../engine/features/code-actions';
import { SOURCE, toCodeAction, toTextEdit } from '../convert';
import { requireRange, requireUri } from '../validate';

export function registerCodeAction(state: ServerState): void {
  state.connection.onCodeAction((params: CodeActionParams, token) =>
    state.guard<CodeAction[] | null>('codeAction', null, () => {
      const uri = requireUri(params);
      const range = requireRange(params);
      const context = params.context ?? { diagnostics: [] };
      const cached = state.get(uri);
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      const only = context.only;
      const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
      const out: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const ours = (Array.isArray(context.diagnostics) ? context.diagnostics : []).filter((d) => d?.source === SOURCE);
        const codes = ours.length ? new Set(ours.map((d) => String(d.code))) : undefined;
        const span = analysis.lines.spanOf(range);
        for (const a of quickFixes(analysis, span, codes)) out.push(toCodeAction(analysis.lines, uri, a, ours));
      }
      if (wants(CodeActionKind.SourceFixAll)) {
        const edits = fixAllEdits(analysis);
        if (edits.length) {
          out.push({
            title: 'Fix all QEMU persistent-memory problems that have a safe fix',
            kind: CodeActionKind.SourceFixAll,
            edit: { changes: { [uri]: edits.map((e) => toTextEdit(analysis.lines, e)) } },
          });
        }
      }
      return out;
    }, token),
  );
}
