/**
 * Fast fuzz subset of the parsers (size, QemuOpts/keyval/JSON option
 * strings, shell, XML) and the round-trip properties: formatSize/parseSize,
 * and a model rendered to a command line re-parses to the same model.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newStats, seeds } from './harness';
import { PROPERTIES, roundTripSeeds, runProperty } from './properties';
import { formatSize, parseSize } from '../../server/src/engine/qemu/size';

const SEED = 20240501;
const RUNS: Record<string, number> = {
  'size: parseSize never throws': 2000,
  'size: formatSize then parseSize gives the same bytes': 2000,
  'optstring: QemuOpts, keyval and JSON parsers stay in range': 1500,
  'shell: words map into the document': 1000,
  'shell: a VM built again from the text equals the one built from the words': 400,
  'xml: parser and domain extraction stay in range': 400,
  'model: rendered back to a command line, re-parses to the same model': 500,
};

for (const [name, runs] of Object.entries(RUNS)) {
  test(`${name} (${runs} cases)`, () => {
    const p = PROPERTIES.find((x) => x.name === name);
    assert.ok(p, name);
    assert.equal(runProperty(p, runs, newStats(), SEED), runs);
  });
}

test('formatSize/parseSize at the edges of 64 bits', () => {
  for (const v of [0n, 1n, 1023n, 1024n, (1n << 53n) + 1n, (1n << 63n) + 7n, (1n << 64n) - 1n, 1n << 60n, 15n << 60n]) {
    const text = formatSize(v, { bytesSuffix: true });
    const r = parseSize(text);
    assert.ok(r.ok, text);
    assert.equal(r.big, v, text);
  }
  assert.equal(formatSize(15n << 60n), '15E');
  assert.equal(formatSize((1n << 64n) - 1n), '18446744073709551615');
});

test('every real script renders back to the same model', () => {
  const scripts = seeds().filter((s) => s.fileName.endsWith('.sh'));
  assert.ok(scripts.length > 100);
  roundTripSeeds(scripts.map((s) => s.text));
});
