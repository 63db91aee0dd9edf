import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/engine/text';
import { literal, mapSpan, MappedBuilder } from '../../server/src/engine/mapped';

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
