/**
 * The V8 code cache the start-up bundle loads dist/server-impl.js with
 * (server/src/lsp/code-cache.ts): where it lives, that a second process
 * takes it, that another build or a damaged file never gets used, and that
 * turning it off is a plain require.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { cacheDirectory, loadWithCodeCache } from '../../../server/src/lsp/code-cache';

const LOADER = require.resolve('../../../server/src/lsp/code-cache');

/** Loads `file` in a fresh node process (a cache only matters across processes); returns what the load reported. */
function loadInChild(file: string, dir: string | undefined, save = true): { cache: string; answer: unknown } {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(LOADER)});
    const l = loadWithCodeCache(${JSON.stringify(file)}, require, ${JSON.stringify(dir)});
    const answer = l.exports.answer(20);
    if (${save}) l.save();
    process.stdout.write(JSON.stringify({ cache: l.cache, answer }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

/** Runs `fn` in a fresh temporary directory, removed afterwards. */
function inTempDir(fn: (root: string) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'qemu-pmem-cc-'));
  try {
    fn(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function moduleFile(dir: string, body = 'exports.answer = (n) => { let s = 0; for (let i = 0; i <= n; i++) s += i; return s; };'): string {
  const file = join(dir, 'server-impl.js');
  writeFileSync(file, `'use strict';\n${body}\nexports.dirname = __dirname; exports.filename = __filename;\n`);
  return file;
}

test('cacheDirectory: per platform, XDG, the environment override and off', () => {
  assert.equal(cacheDirectory({}, 'linux', '/home/u'), '/home/u/.cache/qemu-pmem');
  assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), '/xdg/qemu-pmem');
  assert.equal(cacheDirectory({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u'), '/home/u/.cache/qemu-pmem', 'a relative XDG_CACHE_HOME is ignored, as the spec says');
  assert.equal(cacheDirectory({}, 'darwin', '/Users/u'), '/Users/u/Library/Caches/qemu-pmem');
  assert.equal(cacheDirectory({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u')?.endsWith('qemu-pmem'), true);
  assert.equal(cacheDirectory({}, 'win32', 'C:\\Users\\u'), undefined, 'no LOCALAPPDATA: no cache');
  assert.equal(cacheDirectory({ QEMU_PMEM_CODE_CACHE: '/tmp/cc' }, 'linux', '/home/u'), '/tmp/cc');
  for (const off of ['off', 'OFF', '0', 'false', 'no']) assert.equal(cacheDirectory({ QEMU_PMEM_CODE_CACHE: off }, 'linux', '/home/u'), undefined, off);
  assert.equal(cacheDirectory({}, 'linux', ''), undefined, 'no home: no cache');
});

test('the first process writes the cache, the next one uses it, with the same exports', () => {
  inTempDir((root) => {
    const file = moduleFile(root);
    const dir = join(root, 'cache', 'qemu-pmem');
    const first = loadInChild(file, dir);
    assert.deepEqual(first, { cache: 'none', answer: 210 });
    const written = readdirSync(dir);
    assert.equal(written.length, 1);
    assert.match(written[0], /^server-impl-[0-9a-f]{32}\.v8cache$/);
    assert.equal(statSync(dir).mode & 0o777, 0o700, 'the directory is private');
    assert.equal(statSync(join(dir, written[0])).mode & 0o777, 0o600, 'the cache file is private');
    assert.deepEqual(loadInChild(file, dir), { cache: 'used', answer: 210 });
    assert.deepEqual(readdirSync(dir), written, 'a process that used the cache does not write it again');
  });
});

test('another build of the same length gets its own cache, and the old one is removed', () => {
  inTempDir((root) => {
    const dir = join(root, 'cache');
    const file = moduleFile(root, 'exports.answer = (n) => n + 1;');
    loadInChild(file, dir);
    const before = readdirSync(dir);
    // Same length, other code: V8 alone would accept the old cache (it checks the length of the source).
    moduleFile(root, 'exports.answer = (n) => n - 1;');
    assert.deepEqual(loadInChild(file, dir), { cache: 'none', answer: 19 });
    const after = readdirSync(dir);
    assert.equal(after.length, 1);
    assert.notDeepEqual(after, before);
  });
});

test('a damaged cache file is refused by V8, the module still loads, and a good cache replaces it', () => {
  inTempDir((root) => {
    const file = moduleFile(root);
    const dir = join(root, 'cache');
    loadInChild(file, dir);
    const cacheFile = join(dir, readdirSync(dir)[0]);
    const good = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.from('not a V8 code cache at all'));
    assert.deepEqual(loadInChild(file, dir), { cache: 'none', answer: 210 });
    assert.equal(readFileSync(cacheFile).length, good.length, 'rewritten');
    assert.deepEqual(loadInChild(file, dir), { cache: 'used', answer: 210 });
  });
});

test('off, or a directory that cannot be created: the module loads as with require, nothing is written', () => {
  inTempDir((root) => {
    const file = moduleFile(root);
    const off = loadWithCodeCache<{ answer(n: number): number; filename: string; dirname: string }>(file, require, undefined);
    assert.equal(off.cache, 'off');
    assert.equal(off.exports.answer(3), 6);
    // A file where the directory should be: save() fails quietly.
    const blocker = join(root, 'blocker');
    writeFileSync(blocker, '');
    const l = loadWithCodeCache<{ answer(n: number): number; filename: string; dirname: string }>(file, require, join(blocker, 'cache'));
    assert.equal(l.cache, 'none');
    assert.equal(l.exports.filename, file, '__filename is the bundle');
    assert.equal(l.exports.dirname, root, '__dirname is its directory');
    l.save();
    assert.deepEqual(readdirSync(root).sort(), ['blocker', 'server-impl.js']);
  });
});
