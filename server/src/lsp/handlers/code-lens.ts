/** textDocument/codeLens: "Launch in QEMU" and "Test in QEMU" above each invocation. */
import type { CodeLens, CodeLensParams } from 'vscode-languageserver';
import { requireUri } from '../validate';
import type { ServerState } from '../state';
import { vmSpans } from '../../engine/analyze';

export function registerCodeLens(state: ServerState): void {
  state.connection.onCodeLens((params: CodeLensParams, token) =>
    state.guard<CodeLens[] | null>('codeLens', null, () => {
      const uri = requireUri(params);
      const cached = state.get(uri);
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      const out: CodeLens[] = [];
      for (const span of vmSpans(analysis)) {
        const start = analysis.lines.positionAt(span.start);
        const range = { start, end: start };
        out.push({ range, command: { title: '$(play) Launch in QEMU', command: 'qemuPmem.launch', arguments: [uri, start.line] } });
        out.push({ range, command: { title: '$(beaker) Test in QEMU', command: 'qemuPmem.test', arguments: [uri, start.line] } });
      }
      return out;
    }, token),
  );
}
