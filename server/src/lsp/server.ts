/**
 * The language server: wires the handlers (one file per LSP method) to a
 * connection. Works over any transport vscode-languageserver supports
 * (--stdio, --node-ipc, --socket=N).
 */
import { DidChangeConfigurationNotification, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { ServerState } from './state';
import { initializeResult } from './capabilities';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerCompletion } from './handlers/completion';
import { registerHover } from './handlers/hover';
import { registerDocumentSymbol } from './handlers/document-symbol';
import { registerCodeAction } from './handlers/code-action';
import { registerCodeLens } from './handlers/code-lens';
import { registerInvocation } from './handlers/invocation';
import { registerLibvirtArgs } from './handlers/libvirt-args';

export { SERVER_NAME, SERVER_VERSION } from './capabilities';

export function startServer(connection: Connection): ServerState {
  const state = new ServerState(connection);
  let diagnostics: ReturnType<typeof registerDiagnostics> | undefined;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    state.hasConfigurationCapability = !!caps.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings) state.setSettings(init.settings);
    // The same answer the start-up bundle may already have sent (main.ts): see capabilities.ts.
    return initializeResult();
  });

  connection.onInitialized(async () => {
    if (state.hasConfigurationCapability) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'qemuPmem' });
      await state.refreshSettings();
      diagnostics?.publishAll();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (state.hasConfigurationCapability) await state.refreshSettings();
    else state.setSettings((change.settings as { qemuPmem?: unknown } | undefined)?.qemuPmem);
    diagnostics?.publishAll();
  });

  diagnostics = registerDiagnostics(state);
  registerCompletion(state);
  registerHover(state);
  registerDocumentSymbol(state);
  registerCodeAction(state);
  registerCodeLens(state);
  registerInvocation(state);
  registerLibvirtArgs(state);

  state.documents.listen(connection);
  connection.listen();
  return state;
}
