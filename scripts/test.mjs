// The test command (`npm test`): type-check and compile, bundle, then run
// every suite with node's test runner and print one closing line:
// "N passed, N failed". Suites that need QEMU, libvirt or code-server skip
// with a message when those are missing, unless CI or QEMU_PMEM_REQUIRE_* says
// they must run.
//   node scripts/test.mjs [--only unit|lsp|fuzz|safety|probe|qemu|libvirt|e2e]...
import { existsSync, readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ensureDeps, run } from './ensure-deps.mjs';

const only = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) if (argv[i] === '--only') only.push(argv[++i]);
const want = (s) => only.length === 0 || only.includes(s);

ensureDeps();
if (process.env.CI) {
  process.env.QEMU_PMEM_REQUIRE_QEMU ??= '1';
  process.env.QEMU_PMEM_REQUIRE_LIBVIRT ??= '1';
}

console.log('== type-check and compile (tsc)');
rmSync('out', { recursive: true, force: true });
if (run('npx', ['tsc', '-p', '.']) !== 0) process.exit(1);
console.log('== rule index is current (docs/rules/README.md)');
if (run('node', ['scripts/gen-rule-index.mjs', '--check']) !== 0) process.exit(1);
console.log('== bundle (esbuild)');
if (run('node', ['esbuild.mjs']) !== 0) process.exit(1);

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => join(dir, f))
    .sort();
}

const suites = [
  ['unit', files('out/test/unit')],
  ['lsp', files('out/test/lsp')],
  ['fuzz', files('out/test/fuzz')],
  ['safety', files('out/test/safety')],
  ['probe', files('out/test/probe')],
  ['qemu', files('out/test/qemu')],
  ['libvirt', files('out/test/libvirt')],
];

let passed = 0;
let failed = 0;
let skipped = 0;
const tmp = mkdtempSync(join(tmpdir(), 'qemu-pmem-test-'));
// Servers started by the tests keep their V8 code cache (server/src/lsp/code-cache.ts) here, not in the user's cache directory.
process.env.QEMU_PMEM_CODE_CACHE ??= join(tmp, 'code-cache');
for (const [name, list] of suites) {
  if (!want(name) || list.length === 0) continue;
  console.log(`== ${name} (${list.length} files)`);
  const tap = join(tmp, `${name}.tap`);
  run('node', ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...list]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const num = (k) => Number((new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text) ?? [0, 0])[1]);
  passed += num('pass');
  failed += num('fail') + num('cancelled');
  skipped += num('skipped');
  if (!text) failed++;
}

const codeServerDir = process.env.QEMU_PMEM_CODE_SERVER_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(process.env.HOME ?? '/root', '.cache'), 'qemu-pmem', 'code-server-4.100.3');
const e2eWanted = want('e2e') && (only.includes('e2e') || process.env.CI || existsSync(join(codeServerDir, '.qemu-pmem-install-complete')));
if (e2eWanted && existsSync('test/e2e/run.mjs')) {
  console.log('== e2e (code-server + Chromium): packaging the .vsix under test');
  if (run('npm', ['run', '--silent', 'package']) !== 0) failed++;
  const summary = join('test-results', 'e2e', 'results.json');
  rmSync(summary, { force: true });
  const status = run('node', ['test/e2e/run.mjs']);
  try {
    const s = JSON.parse(readFileSync(summary, 'utf8'));
    passed += s.passed;
    failed += s.failed;
  } catch {
    failed += status === 0 ? 0 : 1;
  }
} else if (want('e2e')) {
  console.log('== e2e skipped: code-server is not installed (runs in CI, or after `node scripts/e2e/install-code-server.mjs`)');
}
rmSync(tmp, { recursive: true, force: true });

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
