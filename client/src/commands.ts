/**
 * Launch in QEMU, Test in QEMU, Show QEMU arguments. The argv always comes
 * from the server's parsed model; nothing from a document ever reaches a
 * shell; Restricted Mode blocks every process start.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { findOnPath, mapQemuErrorLines } from './qemu-errors';
import { runTestInQemu } from './test-in-qemu';

export const INVOCATION_REQUEST = 'qemuPmem/invocation';
export const LIBVIRT_ARGS_REQUEST = 'qemuPmem/libvirtArgs';

export interface InvocationResult {
  binaryName: string;
  argv: string[];
  argRanges: vscode.Range[];
  unresolved: { text: string; name: string | null; range: vscode.Range; argIndex: number }[];
  refused: string | null;
  range: vscode.Range;
  errors: { message: string; severity?: number; range: vscode.Range; code?: string | number }[];
  origin: 'shell' | 'libvirt';
}

export const TRUST_MESSAGE =
  'QEMU Persistent Memory: Launch in QEMU and Test in QEMU are disabled in Restricted Mode. Trust this workspace to run QEMU; diagnostics, completion and hover keep working.';

/** Refuses (with a button to the trust settings) when the workspace is not trusted. */
export async function requireTrust(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const pick = await vscode.window.showErrorMessage(TRUST_MESSAGE, 'Manage Workspace Trust');
  if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
  return false;
}

/** Where the command was invoked: CodeLens arguments, or the active editor's cursor. */
export function target(uriArg?: unknown, lineArg?: unknown): { uri: vscode.Uri; line: number } | undefined {
  if (typeof uriArg === 'string' && typeof lineArg === 'number') return { uri: vscode.Uri.parse(uriArg), line: lineArg };
  if (uriArg instanceof vscode.Uri) {
    const ed = vscode.window.activeTextEditor;
    return { uri: uriArg, line: ed && ed.document.uri.toString() === uriArg.toString() ? ed.selection.active.line : 0 };
  }
  const ed = vscode.window.activeTextEditor;
  if (!ed) return undefined;
  return { uri: ed.document.uri, line: ed.selection.active.line };
}

export async function fetchInvocation(client: LanguageClient, uri: vscode.Uri, line: number): Promise<InvocationResult | undefined> {
  const raw = await client.sendRequest<InvocationResult | null>(INVOCATION_REQUEST, { uri: uri.toString(), line });
  if (!raw) return undefined;
  const conv = client.protocol2CodeConverter;
  return {
    ...raw,
    range: conv.asRange(raw.range),
    argRanges: raw.argRanges.map((r) => conv.asRange(r)),
    unresolved: raw.unresolved.map((u) => ({ ...u, range: conv.asRange(u.range) })),
    errors: raw.errors.map((e) => ({ ...e, range: conv.asRange(e.range) })),
  };
}

const VALUES_KEY = 'qemuPmem.variables';

/**
 * Asks once for each unresolved $VAR (pre-filled with what the user gave
 * last time for this file, kept in the extension's own workspace storage) and
 * substitutes the answers. Undefined when the user cancels.
 */
export async function resolveVariables(context: vscode.ExtensionContext, uri: vscode.Uri, inv: InvocationResult): Promise<string[] | undefined> {
  const argv = [...inv.argv];
  if (!inv.unresolved.length) return argv;
  const all = context.workspaceState.get<Record<string, Record<string, string>>>(VALUES_KEY, {});
  const remembered = { ...(all[uri.toString()] ?? {}) };
  const answers = new Map<string, string>();
  for (const u of inv.unresolved) {
    const name = u.name ?? u.text;
    if (answers.has(name)) continue;
    const value = await vscode.window.showInputBox({
      title: `Value of ${u.text}`,
      prompt: `${u.text} is not assigned in this file. Give the value QEMU should receive (used as-is, never run by a shell).`,
      value: remembered[name] ?? '',
      ignoreFocusOut: true,
    });
    if (value === undefined) return undefined;
    answers.set(name, value);
    remembered[name] = value;
  }
  await context.workspaceState.update(VALUES_KEY, { ...all, [uri.toString()]: remembered });
  // Substitute from the right so earlier positions stay valid.
  const byArg = new Map<number, { text: string; name: string }[]>();
  for (const u of inv.unresolved) {
    const list = byArg.get(u.argIndex) ?? [];
    list.push({ text: u.text, name: u.name ?? u.text });
    byArg.set(u.argIndex, list);
  }
  for (const [i, list] of byArg) {
    let s = argv[i];
    for (const u of list) s = s.replace(u.text, answers.get(u.name) ?? '');
    argv[i] = s;
  }
  return argv;
}

/** The QEMU binary: the machine-scoped setting, else the script's binary found on PATH. */
export function qemuBinary(binaryName: string): string | undefined {
  const setting = vscode.workspace.getConfiguration('qemuPmem').inspect<string>('qemuPath');
  // Only the user (machine) value counts: a workspace cannot choose what runs.
  const configured = setting?.globalValue;
  if (configured) return configured;
  if (binaryName.includes('/')) return fs.existsSync(binaryName) ? binaryName : undefined;
  return findOnPath(binaryName);
}

export function quote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * What Launch and Test share: trust, the invocation at the cursor, variables
 * the user supplies, and the QEMU binary. Undefined (after telling the user
 * why) when the command cannot go on.
 */
async function prepareRun(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  verb: 'launch' | 'test',
  uriArg?: unknown,
  lineArg?: unknown,
): Promise<{ t: { uri: vscode.Uri; line: number }; inv: InvocationResult; argv: string[]; binary: string } | undefined> {
  if (!(await requireTrust())) return undefined;
  const t = target(uriArg, lineArg);
  if (!t) return void vscode.window.showErrorMessage('Open a launch script or a libvirt domain XML first.');
  const inv = await fetchInvocation(client, t.uri, t.line);
  if (!inv) return void vscode.window.showErrorMessage('No QEMU invocation found here.');
  if (inv.refused) {
    return void vscode.window.showErrorMessage(`Cannot ${verb} this invocation: ${inv.refused}. Replace it with a value or a variable assigned in the file.`);
  }
  const argv = await resolveVariables(context, t.uri, inv);
  if (!argv) return undefined;
  const binary = qemuBinary(inv.binaryName);
  if (!binary) {
    return void vscode.window.showErrorMessage(
      `${inv.binaryName} was not found on PATH. Install QEMU (e.g. apt-get install qemu-system-x86) or set qemuPmem.qemuPath in your user settings.`,
    );
  }
  return { t, inv, argv, binary };
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.OutputChannel): void {
  const qemuDiagnostics = vscode.languages.createDiagnosticCollection('qemu');
  context.subscriptions.push(qemuDiagnostics);
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (qemuDiagnostics.has(e.document.uri)) qemuDiagnostics.delete(e.document.uri);
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('qemuPmem.launch', async (uriArg?: unknown, lineArg?: unknown) => {
      const run = await prepareRun(context, client, 'launch', uriArg, lineArg);
      if (!run) return;
      const { t, inv, argv, binary } = run;
      const line = [binary, ...argv].map(quote).join(' ');
      const errors = inv.errors.filter((e) => e.severity === 1 || e.severity === undefined);
      const detail =
        `${line}\n\n` +
        (errors.length ? `${errors.length} error(s) found:\n${errors.slice(0, 8).map((e) => `• line ${e.range.start.line + 1}: ${e.message}`).join('\n')}` : 'No errors found.');
      const launch = errors.length ? 'Launch anyway' : 'Launch';
      const pick = await vscode.window.showWarningMessage(`Launch ${path.basename(binary)}?`, { modal: true, detail }, launch, 'Copy command line');
      if (pick === 'Copy command line') {
        await vscode.env.clipboard.writeText(line);
        return;
      }
      if (pick !== launch) return;
      await runLaunchTask(context, t.uri, inv, binary, argv, qemuDiagnostics, output);
    }),
    vscode.commands.registerCommand('qemuPmem.test', async (uriArg?: unknown, lineArg?: unknown) => {
      const run = await prepareRun(context, client, 'test', uriArg, lineArg);
      if (!run) return;
      await runTestInQemu({ context, uri: run.t.uri, inv: run.inv, binary: run.binary, argv: run.argv, diagnostics: qemuDiagnostics, output });
    }),
    vscode.commands.registerCommand('qemuPmem.showQemuArgs', async (uriArg?: unknown) => {
      const t = target(uriArg, undefined);
      if (!t) return;
      const r = await client.sendRequest<{ argv: string[] } | null>(LIBVIRT_ARGS_REQUEST, { uri: t.uri.toString() });
      if (!r) return void vscode.window.showInformationMessage('This is not a libvirt domain XML with memory devices.');
      const doc = await vscode.workspace.openTextDocument({ language: 'shellscript', content: formatArgs(r.argv) });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('qemuPmem.showOutput', () => output.show(true)),
  );
}

/** One option per line, continuation backslashes, quoted for a POSIX shell. */
export function formatArgs(argv: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('-') && i + 1 < argv.length && !argv[i + 1].startsWith('-')) {
      lines.push(`${quote(argv[i])} ${quote(argv[i + 1])}`);
      i++;
    } else lines.push(quote(argv[i]));
  }
  return lines.join(' \\\n  ') + '\n';
}

async function runLaunchTask(
  context: vscode.ExtensionContext,
  uri: vscode.Uri,
  inv: InvocationResult,
  binary: string,
  argv: string[],
  qemuDiagnostics: vscode.DiagnosticCollection,
  output: vscode.OutputChannel,
): Promise<void> {
  const errorsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-launch-')), 'errors.json');
  const runner = context.asAbsolutePath('dist/run-and-capture.js');
  const exec = new vscode.ProcessExecution(process.execPath, [runner, '--errors-to', errorsFile, '--', binary, ...argv], {
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const task = new vscode.Task(
    { type: 'qemu-pmem', file: uri.fsPath, line: inv.range.start.line },
    folder ?? vscode.TaskScope.Workspace,
    `${path.basename(uri.fsPath)}:${inv.range.start.line + 1}`,
    'qemu-pmem',
    exec,
  );
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true };
  output.appendLine(`Launch: ${[binary, ...argv].map(quote).join(' ')}`);
  qemuDiagnostics.delete(uri);
  const execution = await vscode.tasks.executeTask(task);
  const sub = vscode.tasks.onDidEndTaskProcess((e) => {
    if (e.execution !== execution) return;
    sub.dispose();
    output.appendLine(`QEMU exited with code ${e.exitCode ?? '?'}`);
    let stderr: string[] = [];
    try {
      stderr = (JSON.parse(fs.readFileSync(errorsFile, 'utf8')) as { stderr: string[] }).stderr;
    } catch {
      /* no file: nothing to map */
    }
    fs.rmSync(path.dirname(errorsFile), { recursive: true, force: true });
    const mapped = mapQemuErrorLines(stderr, inv.binaryName, path.basename(binary), argv);
    if (!mapped.length) return;
    qemuDiagnostics.set(
      uri,
      mapped.map((m) => {
        const range = m.argIndex !== null ? inv.argRanges[m.argIndex] ?? inv.range : new vscode.Range(inv.range.start, inv.range.start);
        const d = new vscode.Diagnostic(range, `QEMU: ${m.message}`, m.warning ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error);
        d.source = 'qemu';
        return d;
      }),
    );
  });
  context.subscriptions.push(sub);
}
