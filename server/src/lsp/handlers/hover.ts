/** textDocument/hover */
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import type { ServerState } from '../state';
import { hover } from '../../engine/features/hover';
import { requirePosition, requireUri } from '../validate';

export function registerHover(state: ServerState): void {
  state.connection.onHover((params: HoverParams, token) =>
    state.guard<Hover | null>('hover', null, () => {
      const uri = requireUri(params);
      const position = requirePosition(params);
      const cached = state.get(uri);
      if (!cached || cached.skipped) return null;
      const { analysis } = cached;
      const h = hover(analysis, analysis.lines.offsetAt(position));
      if (!h) return null;
      return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: analysis.lines.rangeOf(h.span) };
    }, token),
  );
}
