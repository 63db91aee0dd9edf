/** textDocument/documentSymbol */
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { requireUri } from '../validate';
import type { ServerState } from '../state';
import { documentSymbols } from '../../engine/features/symbols';
import { toDocumentSymbol } from '../convert';

export function registerDocumentSymbol(state: ServerState): void {
  state.connection.onDocumentSymbol((params: DocumentSymbolParams, token) =>
    state.guard<DocumentSymbol[] | null>('documentSymbol', null, () => {
      const cached = state.get(requireUri(params));
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      return documentSymbols(analysis).map((s) => toDocumentSymbol(analysis.lines, s));
    }, token),
  );
}
