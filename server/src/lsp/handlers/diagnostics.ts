/** textDocument/publishDiagnostics, debounced per document. */
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { SOURCE, toDiagnostic } from '../convert';
import { shownFindings } from '../../engine/shown';

export function registerDiagnostics(state: ServerState): { schedule(uri: string, immediate?: boolean): void; publishAll(): void } {
  const timers = new Map<string, NodeJS.Timeout>();

  const publish = (uri: string) => {
    timers.delete(uri);
    const doc = state.documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const diagnostics = state.safely<Diagnostic[]>('diagnostics', [], () => {
      if (!state.settings.diagnostics.enable) return [];
      const cached = state.get(uri);
      if (!cached) return [];
      if (cached.skipped) {
        return [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: DiagnosticSeverity.Information,
            source: SOURCE,
            code: 'file-too-large',
            message: `qemu-pmem skipped this file: it is ${doc.getText().length} characters, over the qemuPmem.maxFileSize limit of ${state.settings.maxFileSize}.`,
          },
        ];
      }
      const { analysis } = cached;
      return shownFindings(analysis.findings, state.settings.diagnostics.maxPerFile).map((f) => toDiagnostic(analysis.lines, uri, f));
    });
    void state.connection.sendDiagnostics({ uri, version, diagnostics });
  };

  const schedule = (uri: string, immediate = false) => {
    const t = timers.get(uri);
    if (t) clearTimeout(t);
    const delay = immediate ? 0 : state.settings.diagnostics.debounceMs;
    if (delay === 0) {
      timers.delete(uri);
      publish(uri);
      return;
    }
    timers.set(uri, setTimeout(() => publish(uri), delay));
  };

  // didOpen also arrives as a content change: the first one publishes at once, edits are debounced.
  const open = new Set<string>();
  state.documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const first = !open.has(uri);
    open.add(uri);
    schedule(uri, first);
  });
  state.documents.onDidClose((e) => {
    open.delete(e.document.uri);
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    state.forget(e.document.uri);
    void state.connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  return {
    schedule,
    publishAll() {
      for (const doc of state.documents.all()) schedule(doc.uri, true);
    },
  };
}
