/** textDocument/completion */
import type { CompletionList, CompletionParams } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { complete } from '../../engine/features/completion';
import { toCompletionItem } from '../convert';

export function registerCompletion(state: ServerState): void {
  state.connection.onCompletion((params: CompletionParams): CompletionList | null =>
    state.guard('completion', null, () => {
      const cached = state.get(params.textDocument.uri);
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      const offset = analysis.lines.offsetAt(params.position);
      const items = complete(analysis, offset).map((c) => toCompletionItem(analysis.lines, c));
      return { isIncomplete: false, items };
    }),
  );
}
