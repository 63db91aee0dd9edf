import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../../server/src/engine/text';
import { endAt, isSynthetic, literal, mapSpan, MappedBuilder, sliceMapped, startAt, synthetic } from '../../server/src/engine/mapped';

test('LineIndex handles LF, CRLF and lone CR', () => {
  const t = 'ab\r\ncd\ref\ngh';
  const li = new LineIndex(t);
  assert.equal(li.lineCount, 4);
  assert.deepEqual(li.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(li.positionAt(3), { line: 0, character: 2 }); // between \r and \n
  assert.deepEqual(li.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(li.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(li.positionAt(t.length), { line: 3, character: 2 });
  assert.equal(li.offsetAt({ line: 1, character: 99 }), 6);
  assert.equal(li.offsetAt({ line: 9, character: 0 }), t.length);
});

test('LineIndex counts UTF-16 code units', () => {
  const t = 'a😀b\nc';
  const li = new LineIndex(t);
  assert.deepEqual(li.positionAt(3), { line: 0, character: 3 });
  assert.equal(li.offsetAt({ line: 1, character: 0 }), 5);
});

test('mapped strings map value ranges back to the document', () => {
  const m = literal('share=on', 10);
  assert.deepEqual(mapSpan(m, 6, 8), { start: 16, end: 18 });
  const b = new MappedBuilder(0);
  b.pushLiteral('a', 0);
  b.push(',', 1, 3); // an escape: two source characters for one value character
  b.pushLiteral('b', 3);
  const v = b.build();
  assert.equal(v.text, 'a,b');
  assert.deepEqual(mapSpan(v, 1, 3), { start: 1, end: 4 });
  assert.deepEqual(mapSpan(v, 3, 3), { start: 4, end: 4 });
});

/** Per character [start, end) through the accessors. */
function charSpans(m: ReturnType<typeof literal>): [number, number][] {
  return Array.from({ length: m.text.length }, (_, i) => [startAt(m, i), endAt(m, i)] as [number, number]);
}

test('LineIndex line starts match a character-by-character reading', () => {
  const pieces = ['a', '\n', '\r', '\r\n', 'bc'];
  let seed = 1;
  for (let k = 0; k < 2000; k++) {
    let t = '';
    for (let j = 0; j < k % 9; j++) t += pieces[(seed = (seed * 48271) % 2147483647) % pieces.length];
    const want = [0];
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '\n') want.push(i + 1);
      else if (t[i] === '\r') want.push(t[i + 1] === '\n' ? ++i + 1 : i + 1);
    }
    assert.deepEqual(new LineIndex(t).lineStarts, want, JSON.stringify(t));
  }
});

test('LineIndex.afterEdit answers as an index built from the edited text ("\r" and "\r\n" included)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', '😀'), maxLength: 60 });
  fc.assert(
    fc.property(text, text, fc.nat(), fc.nat(), fc.nat(), (t, ins, x, y, z) => {
      const start = x % (t.length + 1);
      const oldEnd = start + (y % (t.length - start + 1));
      const next = t.slice(0, start) + ins + t.slice(oldEnd);
      const edited = LineIndex.afterEdit(new LineIndex(t), next, start, oldEnd, start + ins.length);
      const fresh = new LineIndex(next);
      assert.deepEqual(edited.lineStarts, fresh.lineStarts);
      assert.equal(edited.lineCount, fresh.lineCount);
      for (let o = 0; o <= next.length + 1; o++) assert.deepEqual(edited.positionAt(o), fresh.positionAt(o), `offset ${o}`);
      const line = z % (fresh.lineCount + 1);
      assert.equal(edited.offsetAt({ line, character: z % 7 }), fresh.offsetAt({ line, character: z % 7 }));
      if (line < fresh.lineCount) assert.equal(edited.lineEnd(line), fresh.lineEnd(line));
    }),
    { numRuns: 500 },
  );
});

test('mapped strings: runs give every character its span', () => {
  const b = new MappedBuilder(7);
  b.pushLiteral('ab', 10);
  b.pushLiteral('c', 12); // continues the literal run
  b.push('\n', 13, 15); // a decoded "\r\n"
  b.push('xy', 20, 26); // an expansion: both characters map to it
  b.push('z', 30, 31); // one character from one source character: literal
  b.pushLiteral('w', 31);
  const v = b.build();
  assert.equal(v.text, 'abc\nxyzw');
  assert.deepEqual(charSpans(v), [[10, 11], [11, 12], [12, 13], [13, 15], [20, 26], [20, 26], [30, 31], [31, 32]]);
  assert.equal(v.emptyAt, 10);
  assert.deepEqual(mapSpan(v, 2, 6), { start: 12, end: 26 });
  assert.deepEqual(mapSpan(v, 9, 9), { start: 32, end: 32 });
  // A slice keeps the map.
  const s = sliceMapped(v, 3, 7);
  assert.equal(s.text, '\nxyz');
  assert.deepEqual(charSpans(s), [[13, 15], [20, 26], [20, 26], [30, 31]]);
  // Empty values sit at emptyAt.
  assert.deepEqual(mapSpan(new MappedBuilder(5).build(), 0, 0), { start: 5, end: 5 });
  assert.deepEqual(mapSpan(literal('', 9), 0, 0), { start: 9, end: 9 });
});

test('mapped strings: synthetic values and unknown ranges', () => {
  const g = synthetic('nvdimm', { start: 100, end: 140 });
  assert.ok(isSynthetic(g));
  assert.deepEqual(charSpans(g), Array(6).fill([100, 140]));
  assert.ok(!isSynthetic(literal('nvdimm', 3)));
  const b = new MappedBuilder(0);
  b.pushLiteral('a=', 0);
  b.markUnknown(2, 6);
  b.pushLiteral('$VAR', 2);
  const v = b.build();
  assert.deepEqual(v.unknown, [{ start: 2, end: 6 }]);
  assert.deepEqual(literal('x', 0).unknown, []);
  // pushMapped carries unknown ranges over, shifted.
  const c = new MappedBuilder(0);
  c.pushLiteral('k,', 50);
  c.pushMapped(v);
  assert.deepEqual(c.build().unknown, [{ start: 4, end: 8 }]);
});

test('mapped strings: a builder used after build() does not change the built value', () => {
  const b = new MappedBuilder(0);
  b.pushLiteral('ab', 0);
  b.push('c', 5, 7);
  const first = b.build();
  b.push('d', 9, 12);
  b.markUnknown(0, 1);
  const second = b.build();
  assert.equal(first.text, 'abc');
  assert.deepEqual(charSpans(first), [[0, 1], [1, 2], [5, 7]]);
  assert.deepEqual(first.unknown, []);
  assert.deepEqual(charSpans(second), [[0, 1], [1, 2], [5, 7], [9, 12]]);
  assert.deepEqual(second.unknown, [{ start: 0, end: 1 }]);
});
