/** textDocument/completion */
import type { CompletionList, CompletionParams } from 'vscode-languageserver';
import { requirePosition, requireUri } from '../validate';
import type { ServerState } from '../state';
import { complete } from '../../engine/features/completion';
import { toCompletionItem } from '../convert';

export function registerCompletion(state: ServerState): void {
  state.connection.onCompletion((params: CompletionParams, token) =>
    state.guard<CompletionList | null>('completion', null, () => {
      const uri = requireUri(params);
      const position = requirePosition(params);
      const cached = state.get(uri);
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      const offset = analysis.lines.offsetAt(position);
      const items = complete(analysis, offset, { qemuVersion: state.settings.qemuVersion }).map((c) => toCompletionItem(analysis.lines, c));
      return { isIncomplete: false, items };
    }, token),
  );
}
