/** textDocument/hover */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { hover } from '../../engine/features/hover';

export function registerHover(state: ServerState): void {
  state.connection.onHover((params: HoverParams): Hover | null =>
    state.guard('hover', null, () => {
      const cached = state.get(params.textDocument.uri);
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      const h = hover(analysis, analysis.lines.offsetAt(params.position));
      if (!h) return null;
      return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: analysis.lines.rangeOf(h.span) };
    }),
  );
}
