/**
 * The heavy half of the extension (bundled as dist/client-impl.js): the
 * language client and the command implementations. extension.ts loads it
 * right after activate() has returned.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { SERVER_ENV, serverExecArgv } from './server-env';

/**
 * Creates the language client, registers the commands' implementations
 * (the caller has removed its placeholders) and starts the server in the
 * background. `started`: when activation began (Date.now()), for the log.
 */
export function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, started: number): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // vscode-languageclient adds `env` to VS Code's own environment; server-env.ts says why, and why these Node options.
  const execArgv = serverExecArgv(cores());
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: { ...SERVER_ENV }, execArgv } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env: { ...SERVER_ENV }, execArgv: [...execArgv, '--nolazy', '--inspect=6019'] } },
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
  const client = new LanguageClient('qemuPmem', output.name, serverOptions, clientOptions);
  registerCommands(context, client, output);
  const ready = client.start().then(
    () => output.appendLine(`qemu-pmem: language server ready (${Date.now() - started} ms after activation)`),
    (e: unknown) => output.appendLine(`qemu-pmem: the language server failed to start: ${e instanceof Error ? e.message : String(e)}`),
  );
  context.subscriptions.push({ dispose: () => void ready });
  return client;
}

/** The cores this process may run on (os.availableParallelism: Node 18.14 and later). */
function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
