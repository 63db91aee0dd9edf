/**
 * Test in QEMU: a cancellable progress notification running the shared probe
 * (config check, then the boot probe), results in the "QEMU Test Results"
 * view and the output channel, QEMU's refusal as a diagnostic on the option.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runProbeRequest, type ProbeReport } from '../../server/src/probe/report';
import type { InvocationResult } from './commands';

export interface TestInput {
  context: vscode.ExtensionContext;
  uri: vscode.Uri;
  inv: InvocationResult;
  binary: string;
  argv: string[];
  diagnostics: vscode.DiagnosticCollection;
  output: vscode.OutputChannel;
}

class ResultItem extends vscode.TreeItem {
  constructor(label: string, description?: string, readonly children: ResultItem[] = [], icon?: string, tooltip?: string) {
    super(label, children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.description = description;
    if (icon) this.iconPath = new vscode.ThemeIcon(icon);
    if (tooltip) this.tooltip = tooltip;
  }
}

class ResultsProvider implements vscode.TreeDataProvider<ResultItem> {
  private roots: ResultItem[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.emitter.event;
  set(roots: ResultItem[]): void {
    this.roots = roots;
    this.emitter.fire();
  }
  getTreeItem(e: ResultItem): ResultItem {
    return e;
  }
  getChildren(e?: ResultItem): ResultItem[] {
    return e ? e.children : this.roots;
  }
}

let provider: ResultsProvider | undefined;

function results(context: vscode.ExtensionContext): ResultsProvider {
  if (!provider) {
    provider = new ResultsProvider();
    context.subscriptions.push(vscode.window.createTreeView('qemuPmem.results', { treeDataProvider: provider }));
  }
  return provider;
}

/** The report as tree items (also used for the output channel text). */
export function reportItems(file: string, line: number, r: ProbeReport): ResultItem[] {
  const cfg: ResultItem[] = r.config.memoryDevices.map(
    (d) =>
      new ResultItem(
        `${d.type} ${d.id ?? ''}`.trim(),
        `${d.size} bytes · ${d.memdev ?? '?'}${d.addr !== undefined ? ` · addr 0x${d.addr.toString(16)}` : ''}${d.memaddr !== undefined ? ` · memaddr 0x${d.memaddr.toString(16)}` : ''}${d.slot !== undefined ? ` · slot ${d.slot}` : ''}${d.node !== undefined ? ` · node ${d.node}` : ''}`,
        [],
        'circuit-board',
      ),
  );
  const roots: ResultItem[] = [];
  if (r.config.ok) roots.push(new ResultItem('Config check: QEMU accepts it', `${path.basename(file)}:${line}`, cfg, 'pass'));
  else if (r.config.error) roots.push(new ResultItem('Config check: QEMU refuses it', r.config.error.message, [], 'error', r.config.error.message));
  if (r.boot) {
    const devs = r.boot.devices.map(
      (d) =>
        new ResultItem(
          `${d.id ?? '(no id)'} → ${d.guestDevice ?? 'no guest device'}`,
          `${d.bytes !== null ? `${d.bytes} bytes` : ''}${d.readOnly ? ' · read-only' : ''} · ${d.verdict}`,
          [],
          d.persisted === null ? 'question' : d.persisted === d.predictedPersistent ? 'pass' : 'warning',
          d.verdict,
        ),
    );
    roots.push(
      new ResultItem(
        `Guest boot (${r.boot.accel}, ${r.boot.seconds.toFixed(1)} s): ${r.boot.agrees ? 'as predicted' : 'differs from the prediction'}`,
        undefined,
        devs,
        r.boot.agrees ? 'pass' : 'warning',
      ),
    );
  }
  if (r.problem) roots.push(new ResultItem('The probe could not run', r.problem, [], 'warning', r.problem));
  return roots;
}

export async function runTestInQemu(input: TestInput): Promise<void> {
  const { context, uri, inv, binary, argv, diagnostics, output } = input;
  const cfg = vscode.workspace.getConfiguration('qemuPmem');
  const boot = cfg.get<boolean>('test.boot', true);
  const timeoutSeconds = cfg.get<number>('test.timeoutSeconds', 90);
  // Machine-scoped: only the user's own value counts.
  const kernel = cfg.inspect<string>('kernel')?.globalValue || undefined;
  const line = inv.range.start.line + 1;
  output.appendLine(`Test in QEMU: ${path.basename(uri.fsPath)}:${line} with ${binary}`);
  diagnostics.delete(uri);
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Test in QEMU', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return runProbeRequest({
        binary,
        argv,
        boot,
        kernel,
        timeoutMs: timeoutSeconds * 1000,
        cwd: path.dirname(uri.fsPath),
        signal: abort.signal,
        onStep: (step, message) => {
          progress.report({ message: `${step === 'config' ? '1/2' : '2/2'} ${message}` });
          output.appendLine(`  ${message}`);
        },
        onConsole: (t) => output.append(t),
      });
    },
  );
  const items = reportItems(uri.fsPath, line, report);
  results(context).set(items);
  await vscode.commands.executeCommand('setContext', 'qemuPmem.hasResults', true);
  for (const it of items) {
    output.appendLine(`${it.label}${it.description ? `: ${it.description}` : ''}`);
    for (const c of it.children) output.appendLine(`  ${c.label}: ${c.description ?? ''}`);
  }
  if (report.config.error && !report.problem) {
    const i = report.config.error.argIndex;
    const range = i !== null && inv.argRanges[i] ? inv.argRanges[i] : new vscode.Range(inv.range.start, inv.range.start);
    const d = new vscode.Diagnostic(range, `QEMU refuses this: ${report.config.error.message}`, vscode.DiagnosticSeverity.Error);
    d.source = 'qemu';
    diagnostics.set(uri, [d]);
  }
  const summary = report.problem
    ? `Test in QEMU could not run: ${report.problem}`
    : !report.config.ok
      ? `QEMU refuses this configuration: ${report.config.error?.message ?? 'see the output'}`
      : report.boot
        ? report.boot.agrees
          ? `QEMU accepts it; the guest saw ${report.boot.devices.length} pmem device(s), as predicted.`
          : 'QEMU accepts it, but the guest did not behave as predicted: see QEMU Test Results.'
        : `QEMU accepts it: ${report.config.memoryDevices.length} memory device(s).`;
  const show = report.exitCode === 0 ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(summary, 'Show Output').then((p) => p && output.show(true));
}
