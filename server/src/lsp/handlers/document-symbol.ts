/** textDocument/documentSymbol */
import type { DocumentSymbol, DocumentSymbolParams } from 'vscode-languageserver';
import { requireUri } from '../validate';
import type { ServerState } from '../state';
import { documentOutline } from '../../engine/features/symbols';
import { toDocumentSymbol } from '../convert';

export function registerDocumentSymbol(state: ServerState): void {
  state.connection.onDocumentSymbol((params: DocumentSymbolParams, token) =>
    state.guard<DocumentSymbol[] | null>('documentSymbol', null, () => {
      const cached = state.get(requireUri(params));
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      return documentOutline(analysis).map((p) => toDocumentSymbol(analysis.lines, p.symbol, p.origin));
    }, token),
  );
}
