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

/** Index of the last span starting at or before `offset` in spans sorted by start, or -1. */
export function lastStartingAtOrBefore(sorted: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Maps offsets to positions and back. Line breaks are "\n", "\r\n" and a lone
 * "\r", as in LSP. Construction is one pass over the text; lookups are binary
 * searches. `LineIndex.afterEdit` makes the index of an edited text from the
 * old one without copying its table.
 */
export class LineIndex {
  /** Offset at which each line starts (see `lineStart`). */
  protected readonly starts: number[];
  /** Whether the text holds a "\r" (found while reading its lines). */
  readonly hasCR: boolean;

  /** `starts`: from a subclass that works its lines out itself, for a text without "\r". */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      this.hasCR = false;
    } else {
      const cr = text.indexOf('\r');
      this.starts = lineStartsOf(text, cr);
      this.hasCR = cr >= 0;
    }
  }

  /**
   * The index of `text`, which is `old.text` with [start, oldEnd) replaced by
   * the text now at [start, newEnd): a view of the old index costing
   * O(lines in the inserted text), not O(lines). When either text holds a
   * "\r" (a "\r\n" split or joined by the edit would change line breaks
   * outside it), the new text's lines are read afresh.
   */
  static afterEdit(old: LineIndex, text: string, start: number, oldEnd: number, newEnd: number): LineIndex {
    if (old.hasCR || text.slice(start, newEnd).indexOf('\r') >= 0) return new LineIndex(text);
    return new EditedLineIndex(old, text, start, oldEnd, newEnd);
  }

  /** Offset at which each line starts, as an array. */
  get lineStarts(): readonly number[] {
    return this.starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset at which `line` starts (0 ≤ line < lineCount). */
  lineStart(line: number): number {
    return this.starts[line];
  }

  /** The line that holds `offset` (clamped into the document). */
  lineOf(offset: number): number {
    if (offset <= 0) return 0;
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStart(mid) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    // An offset between "\r" and "\n" belongs to the end of the line.
    const lineEnd = this.lineEnd(line);
    return { line, character: Math.min(o, lineEnd) - this.lineStart(line) };
  }

  /** Offset of a position; characters past the line end clamp to it. */
  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.lineCount) return this.text.length;
    const start = this.lineStart(pos.line);
    const end = this.lineEnd(pos.line);
    return Math.max(start, Math.min(start + Math.max(0, pos.character), end));
  }

  /** Offset just before the line break of `line` (or the end of the text). */
  lineEnd(line: number): number {
    if (line + 1 >= this.lineCount) return this.text.length;
    let e = this.lineStart(line + 1);
    if (e > 0 && this.text.charCodeAt(e - 1) === 10) e--;
    if (e > this.lineStart(line) && this.text.charCodeAt(e - 1) === 13) e--;
    return e;
  }

  rangeOf(s: Span): Range {
    return { start: this.positionAt(s.start), end: this.positionAt(s.end) };
  }

  spanOf(r: Range): Span {
    return { start: this.offsetAt(r.start), end: this.offsetAt(r.end) };
  }
}

/** The line starts of `text`; `cr` is its first "\r" (or -1). */
function lineStartsOf(text: string, cr: number): number[] {
  // Jumps from line break to line break with indexOf (much faster than
  // reading every character); nl / cr are the next "\n" / "\r", or -1.
  const starts = [0];
  let nl = text.indexOf('\n');
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
  return starts;
}

/**
 * The lines of an edited text as a view of the old index: lines before the
 * edit are the old ones, then the line breaks inside the inserted text, then
 * the old lines after the edit moved by the length change. Made on every
 * keystroke in a big script, so it copies nothing of the old table.
 */
class EditedLineIndex extends LineIndex {
  /** Old lines kept as they are: those starting at or before the edit. */
  private readonly kept: number;
  /** Line starts inside the inserted text. */
  private readonly added: number[];
  /** First old line after the edit, and how far those move. */
  private readonly from: number;
  private readonly delta: number;
  private readonly count: number;
  private table: number[] | undefined;

  constructor(
    private readonly old: LineIndex,
    text: string,
    start: number,
    oldEnd: number,
    newEnd: number,
  ) {
    super(text, []);
    this.kept = old.lineOf(start) + 1;
    let from = this.kept;
    const n = old.lineCount;
    // Old lines starting inside the replaced range are gone (few: a binary search is not worth it).
    while (from < n && old.lineStart(from) <= oldEnd) from++;
    this.from = from;
    this.added = [];
    for (let i = text.indexOf('\n', start); i >= 0 && i < newEnd; i = text.indexOf('\n', i + 1)) this.added.push(i + 1);
    this.delta = newEnd - oldEnd;
    this.count = this.kept + this.added.length + (n - from);
  }

  override get lineCount(): number {
    return this.count;
  }

  override lineStart(line: number): number {
    if (line < this.kept) return this.old.lineStart(line);
    const i = line - this.kept;
    if (i < this.added.length) return this.added[i];
    return this.old.lineStart(this.from + i - this.added.length) + this.delta;
  }

  override get lineStarts(): readonly number[] {
    if (!this.table) {
      const t = new Array<number>(this.count);
      for (let i = 0; i < this.count; i++) t[i] = this.lineStart(i);
      this.table = t;
    }
    return this.table;
  }
}
