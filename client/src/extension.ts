/**
 * The VS Code client: starts the language server over IPC and adds the
 * Launch in QEMU / Test in QEMU / Show QEMU arguments commands. Thin glue:
 * the argv comes from the server's parsed model, the probe logic from the
 * shared Node module.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';

export const OUTPUT_NAME = 'QEMU Persistent Memory';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  const started = Date.now();
  const output = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'shellscript' },
      { scheme: 'untitled', language: 'shellscript' },
      { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'xml' },
    ],
    synchronize: { configurationSection: 'qemuPmem' },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient('qemuPmem', OUTPUT_NAME, serverOptions, clientOptions);
  registerCommands(context, client, output);
  // Start in the background: activation returns at once, the server comes up beside the editor.
  const ready = client.start().then(
    () => output.appendLine(`qemu-pmem: language server ready (${Date.now() - started} ms after activation)`),
    (e: unknown) => output.appendLine(`qemu-pmem: the language server failed to start: ${e instanceof Error ? e.message : String(e)}`),
  );
  context.subscriptions.push({ dispose: () => void ready });
  output.appendLine(`qemu-pmem: activated in ${Date.now() - started} ms`);
  return { client };
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
  client = undefined;
}
