/**
 * The server's name, version and `initialize` result. Kept free of runtime
 * imports (types only): the start-up bundle (main.ts) answers `initialize`
 * with this before the LSP library and the engine are loaded, and the full
 * server (server.ts) answers with the same function.
 */
import type { CodeActionKind, InitializeResult, TextDocumentSyncKind } from 'vscode-languageserver';

export const SERVER_NAME = 'qemu-pmem-language-server';
export const SERVER_VERSION = '0.1.0';

// The protocol's constants, spelled out so that nothing is loaded; the types check they are the library's values.
const INCREMENTAL: typeof TextDocumentSyncKind.Incremental = 2;
const QUICK_FIX: typeof CodeActionKind.QuickFix = 'quickfix';
const SOURCE_FIX_ALL: typeof CodeActionKind.SourceFixAll = 'source.fixAll';

/** The answer to `initialize` (a new object each call). */
export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: INCREMENTAL,
      completionProvider: { triggerCharacters: [',', '=', ' '], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [QUICK_FIX, SOURCE_FIX_ALL] },
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
}
