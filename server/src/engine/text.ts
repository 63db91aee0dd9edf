/**
 * Text positions. Everything in the engine works on UTF-16 code-unit offsets
 * into the document text (what JavaScript strings index by, and what LSP
 * positions count). Only this module converts offsets to line/character.
 */

/** A half-open range of document offsets: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/** LSP-shaped position: 0-based line, 0-based UTF-16 character. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function containsOffset(s: Span, offset: number): boolean {
  return offset >= s.start && offset <= s.end;
}

/**
 * Maps offsets to positions and back. Line breaks are "\n", "\r\n" and a lone
 * "\r", as in LSP. Construction is one pass over the text; lookups are binary
 * searches.
 */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    // Jumps from line break to line break with indexOf (much faster than
    // reading every character); nl / cr are the next "\n" / "\r", or -1.
    const starts = [0];
    let nl = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (nl >= 0 || cr >= 0) {
      if (cr < 0 || (nl >= 0 && nl < cr)) {
        starts.push(nl + 1);
        nl = text.indexOf('\n', nl + 1);
      } else {
        // A "\r": with a "\n" right after it, the pair is one line break.
        if (nl === cr + 1) {
          starts.push(nl + 1);
          nl = text.indexOf('\n', nl + 1);
        } else {
          starts.push(cr + 1);
        }
        cr = text.indexOf('\r', cr + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The line that holds `offset` (clamped into the document). */
  lineOf(offset: number): number {
    const starts = this.lineStarts;
    if (offset <= 0) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    // An offset between "\r" and "\n" belongs to the end of the line.
    const lineEnd = this.lineEnd(line);
    return { line, character: Math.min(o, lineEnd) - this.lineStarts[line] };
  }

  /** Offset of a position; characters past the line end clamp to it. */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[pos.line];
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + Math.max(0, pos.character), end));
  }

  /** Offset just before the line break of `line` (or the end of the text). */
  lineEnd(line: number): number {
    const starts = this.lineStarts;
    if (line + 1 >= starts.length) return this.text.length;
    let e = starts[line + 1];
    if (e > 0 && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > starts[line] && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  spanOf(r: Range): Span {
    return { start: this.offsetAt(r.start), end: this.offsetAt(r.end) };
  }
}
