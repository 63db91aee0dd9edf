/**
 * The VS Code client: starts the language server over IPC and adds the
 * Launch in QEMU / Test in QEMU / Show QEMU arguments commands. Thin glue:
 * the argv comes from the server's parsed model, the probe logic from the
 * shared Node module.
 *
 * Activation is kept cheap: this file (dist/client.js) loads nothing but
 * `vscode`; activate() opens the output channel and registers placeholder
 * commands, and the language client and the commands' implementations
 * (client-impl.ts, dist/client-impl.js) load right after it has returned. A
 * command invoked before then waits for them and then runs as usual.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const OUTPUT_NAME = 'QEMU Persistent Memory';

let client: LanguageClient | undefined;
/** Set by deactivate(): a load still pending does not start the client. */
let deactivated = false;

export async function activate(context: vscode.ExtensionContext): Promise<{ readonly client: LanguageClient | undefined }> {
  const started = Date.now();
  deactivated = false;
  const output = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  context.subscriptions.push(output);

  let loaded!: () => void;
  let failed!: (e: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => {
    loaded = resolve;
    failed = reject;
  });
  ready.catch(() => undefined); // reported below; a placeholder command rethrows it to its caller

  // Placeholders for the contributed commands until the implementations are registered.
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? [];
  const placeholders = contributed.map(({ command }) =>
    vscode.commands.registerCommand(command, async (...args: unknown[]) => {
      await ready;
      return vscode.commands.executeCommand(command, ...args);
    }),
  );
  context.subscriptions.push(...placeholders);

  setImmediate(() => {
    if (deactivated) return;
    try {
      const impl = require('./client-impl') as typeof import('./client-impl');
      // Swapped synchronously: no invocation can fall between the placeholder and the implementation.
      for (const p of placeholders) p.dispose();
      client = impl.startClient(context, output, started);
      loaded();
    } catch (e) {
      output.appendLine(`qemu-pmem: the extension failed to load: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      failed(e);
    }
  });
  output.appendLine(`qemu-pmem: activated in ${Date.now() - started} ms`);
  // The language client, once loaded (undefined until then).
  return {
    get client() {
      return client;
    },
  };
}

export async function deactivate(): Promise<void> {
  deactivated = true;
  if (client) await client.stop();
  client = undefined;
}
