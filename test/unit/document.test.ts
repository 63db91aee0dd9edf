/**
 * The server's open document (server/src/lsp/document.ts) against
 * vscode-languageserver-textdocument's TextDocument, which it replaces: after
 * every content change both must hold the same text and version and give the
 * same offsets, positions, line counts and ranged text, for any mix of
 * "\n", "\r\n" and lone "\r" line breaks, surrogate pairs, ranges past the
 * end or given end first, and whole-text replacements.
 */
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { Document } from '../../server/src/lsp/document';
import { LineIndex } from '../../server/src/engine/text';

const piece = fc.constantFrom('a', 'bc', ' ', '\n', '\n', '\r\n', '\r', 'é', '😀', 'qemu -m 1G\n');
const text = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 14 }) });
/**
 * A change as a client sends it: its range on lines of the document (picked
 * by `line % lineCount` when applied), characters anywhere (past the line
 * end, -1), start and end either way round; or a whole new text.
 * (TextDocument itself goes wrong on lines past the end, which VS Code never sends.)
 */
type Change = { readonly lines: readonly [number, number]; readonly chars: readonly [number, number]; readonly text: string } | { readonly text: string };
const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ lines: fc.tuple(fc.nat(40), fc.nat(40)), chars: fc.tuple(fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 14 })), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);
function toEvent(c: Change, lineCount: number): TextDocumentContentChangeEvent {
  if (!('lines' in c)) return { text: c.text };
  const at = (k: 0 | 1) => ({ line: c.lines[k] % lineCount, character: c.chars[k] });
  return { range: { start: at(0), end: at(1) }, text: c.text };
}

/** Fails with `what()` (made only then: it may quote a big text) unless `a` and `b` are deeply equal. */
function same(a: unknown, b: unknown, what: () => string): void {
  if (!isDeepStrictEqual(a, b)) assert.fail(`${what()}: ${JSON.stringify(a)} but TextDocument says ${JSON.stringify(b)}`);
}

/** Every answer both documents give for `probes`, the same. */
function assertSame(ours: Document, theirs: TextDocument, probes: readonly Position[], step: string): void {
  const t = theirs.getText();
  const where = () => `${step}, in ${JSON.stringify(t.length > 200 ? `${t.slice(0, 200)}…` : t)}`;
  same(ours.getText(), t, () => `${where()}: text`);
  same(ours.version, theirs.version, () => `${where()}: version`);
  same(ours.lineCount, theirs.lineCount, () => `${where()}: lineCount`);
  // Every offset of a small text; a sample of a big one.
  const stride = t.length > 2000 ? 97 : 1;
  for (let o = -1; o <= t.length + 1; o += stride) same(ours.positionAt(o), theirs.positionAt(o), () => `${where()}: positionAt(${o})`);
  for (const p of probes) {
    same(ours.offsetAt(p), theirs.offsetAt(p), () => `${where()}: offsetAt(${JSON.stringify(p)})`);
    const r = { start: p, end: probes[0] };
    same(ours.getText(r), theirs.getText(r), () => `${where()}: getText(${JSON.stringify(r)})`);
  }
  same(ours.lines.lineStarts, new LineIndex(t).lineStarts, () => `${where()}: line index`);
}

test('the open document answers as vscode-languageserver-textdocument does, after any changes', () => {
  fc.assert(
    fc.property(text, fc.array(change, { maxLength: 12 }), fc.array(position, { minLength: 1, maxLength: 8 }), (initial, changes, probes) => {
      const ours = Document.create('file:///a.sh', 'shellscript', 1, initial);
      const theirs = TextDocument.create('file:///a.sh', 'shellscript', 1, initial);
      assertSame(ours, theirs, probes, 'open');
      const events: TextDocumentContentChangeEvent[] = [];
      changes.forEach((c, i) => {
        const e = toEvent(c, theirs.lineCount);
        events.push(e);
        ours.update([e], i + 2);
        TextDocument.update(theirs, [e], i + 2);
        assertSame(ours, theirs, probes, `change ${i} ${JSON.stringify(e)}`);
      });
      // The same changes in one notification, applied in order.
      const ours2 = Document.create('file:///a.sh', 'shellscript', 1, initial);
      const theirs2 = TextDocument.create('file:///a.sh', 'shellscript', 1, initial);
      ours2.update(events, 99);
      TextDocument.update(theirs2, events, 99);
      assertSame(ours2, theirs2, probes, 'all in one notification');
    }),
    { numRuns: 400, seed: 20261122 },
  );
});

test('edits far apart in a big document: the index is made again, and still right', () => {
  const lines = Array.from({ length: 4000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`);
  const initial = lines.join('\n');
  const ours = Document.create('file:///big.sh', 'shellscript', 1, initial);
  const theirs = TextDocument.create('file:///big.sh', 'shellscript', 1, initial);
  const probes = [0, 1, 1999, 2000, 3999, 4000].map((line) => ({ line, character: 3 }));
  let v = 1;
  // Alternating between the top and the bottom: the edited region spans most of the text (> 64 KiB).
  for (const line of [10, 3990, 5, 3995, 2000]) {
    const c = { range: { start: { line, character: 2 }, end: { line: line + 1, character: 0 } }, text: 'inserted\nlines\n' };
    ours.update([c], ++v);
    TextDocument.update(theirs, [c], v);
    assertSame(ours, theirs, probes, `edit at line ${line}`);
  }
});

test('each incremental change is told as offsets in the text it applies to; a whole-text one as -1', () => {
  const doc = Document.create('file:///a.sh', 'shellscript', 1, 'ab\ncd\n');
  const told: [number, number, number][] = [];
  doc.update(
    [
      { range: { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } }, text: 'XY' },
      { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 0 } }, text: '' },
      { text: 'new' },
    ],
    2,
    (start, end, length) => told.push([start, end, length]),
  );
  assert.deepEqual(told, [
    [4, 5, 2],
    [0, 2, 0],
    [-1, -1, 0],
  ]);
  assert.equal(doc.getText(), 'new');
  assert.equal(doc.version, 2);
});
