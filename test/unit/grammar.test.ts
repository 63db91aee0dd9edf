/** The TextMate injection grammar: valid JSON, every regex compiles and colours a sample line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../lsp/client';

const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'syntaxes', 'qemu-pmem.injection.tmLanguage.json'), 'utf8'));
const re = (name: string) => new RegExp(grammar.repository[name].match, 'g');
const sample = "  -object memory-backend-file,id=mem1,share=on,mem-path=/a,,b.img,size=16G -device nvdimm,memdev=mem1,label-size=128K";

test('the grammar is injected into shell and XML and names its scope', () => {
  assert.equal(grammar.scopeName, 'qemu-pmem.injection');
  assert.match(grammar.injectionSelector, /source\.shell/);
  assert.match(grammar.injectionSelector, /text\.xml/);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8'));
  const g = pkg.contributes.grammars[0];
  assert.equal(g.scopeName, grammar.scopeName);
  assert.deepEqual(g.injectTo, ['source.shell', 'text.xml']);
});

test('each pattern matches what it should in a sample line', () => {
  const all = (name: string) => [...sample.matchAll(re(name))].map((m) => m[1] ?? m[0]);
  assert.deepEqual(all('option'), ['-object', '-device']);
  assert.deepEqual(all('type'), ['memory-backend-file', 'nvdimm']);
  assert.deepEqual(all('key'), ['id', 'share', 'mem-path', 'size', 'memdev', 'label-size']);
  assert.deepEqual(all('boolean'), ['on']);
  assert.deepEqual(all('size'), ['16G', '128K']);
  assert.deepEqual(all('escape'), [',,']);
});
