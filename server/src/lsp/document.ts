/**
 * An open document as the server holds it (what `TextDocuments` keeps): its
 * text, version and line index, changed by LSP content changes with the
 * semantics of vscode-languageserver-textdocument's TextDocument (a
 * differential test, test/unit/document.test.ts, holds the two to the same
 * answers).
 *
 * Why not that TextDocument: it keeps a line table of its own, computed
 * character by character in JS on the first `offsetAt` (which the first
 * keystroke after opening a big script paid: 11-18 ms for the 20k-line
 * benchmark script, cold) and shifted line by line on every edit (O(lines)
 * per keystroke). Here the index is a LineIndex (found with indexOf), and
 * after edits a view of the last full index over the region all edits since
 * touched (LineIndex.afterEdit with the composed change): O(lines in that
 * region) per keystroke. The full index is made again when the region
 * grows past REBUILD_REGION; afterEdit reads the lines afresh when a "\r" is involved.
 */
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { LineIndex } from '../engine/text';
import { composeChange, type TextChange } from '../engine/incremental';

/** Past this many characters of edited region, the full line index is made again. */
const REBUILD_REGION = 64 * 1024;

export class Document {
  private content: string;
  /** The last full index. */
  private full: LineIndex | undefined;
  /** The edits since `full` was made, as one replaced range (in its text, and now). */
  private change: TextChange | undefined;
  /** The index of `content`, once asked for. */
  private current: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private ver: number,
    content: string,
  ) {
    this.content = content;
  }

  static create(uri: string, languageId: string, version: number, content: string): Document {
    return new Document(uri, languageId, version, content);
  }

  get version(): number {
    return this.ver;
  }

  /** The line index of the current text. */
  get lines(): LineIndex {
    if (this.current) return this.current;
    const c = this.change;
    if (this.full && c && c.newEnd - c.start <= REBUILD_REGION) {
      this.current = LineIndex.afterEdit(this.full, this.content, c.start, c.oldEnd, c.newEnd);
    } else {
      this.current = this.full = new LineIndex(this.content);
      this.change = undefined;
    }
    return this.current;
  }

  get lineCount(): number {
    return this.lines.lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(position: Position): number {
    return this.lines.offsetAt(position);
  }

  positionAt(offset: number): Position {
    return this.lines.positionAt(offset);
  }

  /**
   * Applies `changes` in order and sets the version. `onEdit` is told each
   * incremental change as offsets in the text it applies to (start -1: the
   * whole text was replaced).
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number, onEdit?: (start: number, end: number, length: number) => void): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const { start: a, end: b } = change.range;
        // A range given end first is taken the other way round, as TextDocument does (and so the
        // incremental analysis is told it that way round too).
        const [from, to] = a.line > b.line || (a.line === b.line && a.character > b.character) ? [b, a] : [a, b];
        const start = this.offsetAt(from);
        const end = this.offsetAt(to);
        onEdit?.(start, end, change.text.length);
        this.content = this.content.slice(0, start) + change.text + this.content.slice(end);
        this.change = composeChange(this.change, start, end, change.text.length);
        this.current = undefined;
      } else if (typeof change.text === 'string') {
        onEdit?.(-1, -1, 0);
        this.content = change.text;
        this.full = this.current = this.change = undefined;
      }
    }
    this.ver = version;
  }
}
