/**
 * Safety properties checked on the source and the manifest (no VS Code, no
 * QEMU needed). What runs, how, and where it may write is documented in
 * docs/security.md; a new process start or write site fails here until it is
 * reviewed and added to the lists below (and to the document).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../fuzz/harness';
import { analyze } from '../../server/src/engine/analyze';
import { invocationAt } from '../../server/src/engine/features/invocation';
import { nodeHost } from '../../server/src/lsp/host';
import type { HostView } from '../../server/src/engine/rules/types';

const ROOT = repoRoot();

/** Every .ts file under server/src and client/src, with comments blanked out (positions kept). */
function sources(): { file: string; code: string }[] {
  const out: { file: string; code: string }[] = [];
  for (const dir of ['server/src', 'client/src']) {
    for (const f of fs.readdirSync(path.join(ROOT, dir), { recursive: true }).map(String)) {
      if (!f.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(ROOT, dir, f), 'utf8');
      // Blank block and line comments (strings containing "//" are rare enough in this code base to keep).
      const code = text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
      out.push({ file: `${dir}/${f}`, code });
    }
  }
  return out;
}

function hits(re: RegExp): string[] {
  const out: string[] = [];
  for (const { file, code } of sources()) {
    for (const m of code.matchAll(re)) out.push(`${file}:${code.slice(0, m.index).split('\n').length}: ${m[0].trim()}`);
  }
  return out;
}

test('never a shell: no exec/execSync, no shell: true, no eval or new Function, no ShellExecution', () => {
  // child_process is only ever imported for spawn (RegExp#exec calls are fine, hence the import check).
  const imports = hits(/import\s+(?:\*\s+as\s+\w+|\{[^}]*\})\s+from\s+['"](?:node:)?child_process['"]/g);
  for (const i of imports) assert.match(i, /import \{ spawn(, type ChildProcess)? \} from 'node:child_process'$/, i);
  assert.deepEqual(hits(/require\(['"](?:node:)?child_process['"]\)|(?<![.\w])exec(Sync)?\s*\(|\bexecSync\s*\(/g), []);
  assert.deepEqual(hits(/\bshell\s*:\s*(true\b|['"`])/g), []);
  assert.deepEqual(hits(/\beval\s*\(|\bnew\s+Function\s*\(/g), []);
  assert.deepEqual(hits(/ShellExecution|execFile(Sync)?\s*\(|\bfork\s*\(|spawnSync\s*\(/g), []);
});

test('processes start in four reviewed places, each with an argv array', () => {
  // (TypeScript types spawn's second parameter as string[]: a variable there is an array too.)
  const spawns = hits(/\bspawn\s*\([^)\n]*/g).map((h) => h.replace(/^(\S+?):\d+:/, '$1:'));
  assert.deepEqual(spawns, [
    "server/src/probe/initramfs.ts: spawn(program, ['-dc', '--', file], { stdio: ['ignore', 'pipe', 'pipe'] }",
    'server/src/probe/kernel.ts: spawn(program, args, { stdio: [\'pipe\', out, \'ignore\'] }',
    'server/src/probe/process.ts: spawn(input.binary, argv, {',
    "server/src/probe/run-and-capture.ts: spawn(binary, args, { stdio: ['inherit', 'inherit', 'pipe'], shell: false }",
  ]);
  // The one process the VS Code client starts itself: a task running the capture script, argv as an array.
  assert.deepEqual(
    hits(/new vscode\.ProcessExecution\([^,]+, \[/g).map((h) => h.replace(/:\d+:/, ':')),
    ['client/src/commands.ts: new vscode.ProcessExecution(process.execPath, ['],
  );
  // The language server (engine and LSP glue) never starts a process.
  const importers = sources().filter((s) => /from ['"](node:)?child_process['"]/.test(s.code)).map((s) => s.file).sort();
  assert.deepEqual(importers, ['server/src/probe/initramfs.ts', 'server/src/probe/kernel.ts', 'server/src/probe/process.ts', 'server/src/probe/run-and-capture.ts']);
});

test('write sites are the reviewed ones: private temporary directories, and the server\'s own code cache', () => {
  const WRITE = /\b(writeFileSync|writeFile|appendFile\w*|createWriteStream|ftruncate\w*|truncate|copyFile\w*|rename\w*|unlink\w*|symlink\w*)\s*\(|\bopen(Sync)?\s*\([^)]*(['"][wa]x?\+?['"]|O_RDWR|O_WRONLY|O_CREAT)/g;
  const sites = hits(WRITE).map((h) => h.replace(/:\d+:.*/, '')).sort();
  assert.deepEqual(sites, [
    'server/src/lsp/code-cache.ts', // the V8 code cache of our own bundle: a private file (0600) in ~/.cache/qemu-pmem (0700)
    'server/src/lsp/code-cache.ts', // ... written to a temporary name and renamed
    'server/src/probe/boot.ts', // the generated initramfs, in the probe's private directory
    'server/src/probe/env.ts', // opens /dev/kvm read-write to see whether KVM is usable (nothing is written)
    'server/src/probe/kernel.ts', // the decompressed kernel, in the probe's private directory
    'server/src/probe/kernel.ts',
    'server/src/probe/run-and-capture.ts', // QEMU's error lines, in the launch's private mkdtemp directory
    'server/src/probe/run-and-capture.ts',
    'server/src/probe/scratch.ts', // sparse scratch backing files ('wx': never an existing file)
    'server/src/probe/scratch.ts',
  ]);
  const scratch = fs.readFileSync(path.join(ROOT, 'server/src/probe/scratch.ts'), 'utf8');
  assert.match(scratch, /fs\.promises\.open\(file, 'wx', 0o600\)/);
  const cache = fs.readFileSync(path.join(ROOT, 'server/src/lsp/code-cache.ts'), 'utf8');
  assert.match(cache, /fs\.writeFileSync\(tmp, data, \{ mode: 0o600 \}\)/);
  assert.match(cache, /fs\.mkdirSync\(dir, \{ recursive: true, mode: 0o700 \}\)/);
  // It only ever removes its own older caches.
  assert.match(cache, /name\.startsWith\(`\$\{stem\}-`\) && name\.endsWith\('\.v8cache'\)/);
});

test('Restricted Mode: both commands that start processes check trust first', () => {
  const src = fs.readFileSync(path.join(ROOT, 'client/src/commands.ts'), 'utf8');
  // prepareRun's first statement is the trust check...
  const prepare = /async function prepareRun\([\s\S]*?\| undefined> \{\s*([^\n]*)/.exec(src);
  assert.ok(prepare, 'prepareRun exists');
  assert.equal(prepare[1].trim(), 'if (!(await requireTrust())) return undefined;');
  // ...and it is the first thing Launch and Test do.
  for (const cmd of ['qemuPmem.launch', 'qemuPmem.test']) {
    const body = new RegExp(`registerCommand\\('${cmd.replace('.', '\\.')}', async \\([^)]*\\) => \\{\\s*([^\\n]*)`).exec(src);
    assert.ok(body, cmd);
    assert.match(body[1], /^const run = await prepareRun\(/, cmd);
  }
  // The only task and the only probe run are reached from those handlers.
  assert.equal(src.match(/runLaunchTask\(/g)?.length, 2); // definition + the launch handler
  assert.equal(src.match(/runTestInQemu\(/g)?.length, 1);
  assert.match(src, /if \(vscode\.workspace\.isTrusted\) return true;/);
  // (The behaviour in a real Restricted Mode window is covered by test/e2e/scenarios/07-restricted-mode.mjs.)
});

test('executable-path settings are machine-scoped and restricted; the binary comes from the user value only', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties as Record<string, { scope?: string; type?: string }>;
  const exec = Object.keys(props).filter((k) => /path|kernel|binary|executable|command/i.test(k) && props[k].type === 'string');
  assert.deepEqual(exec.sort(), ['qemuPmem.kernel', 'qemuPmem.qemuPath']);
  for (const k of exec) assert.equal(props[k].scope, 'machine', k);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual([...pkg.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), exec.sort());
  const src = fs.readFileSync(path.join(ROOT, 'client/src/commands.ts'), 'utf8');
  assert.match(src, /inspect<string>\('qemuPath'\)/);
  assert.match(src, /const configured = setting\?\.globalValue;/);
  assert.doesNotMatch(src, /\.get(<[^>]*>)?\('qemuPath'\)/);
});

test('document text is never run: command substitutions refuse a launch, variables are listed', () => {
  const text = 'IMG=/tmp/a.img\nqemu-system-x86_64 -m "$(rm -rf ~)" -object memory-backend-file,id=m,mem-path=$IMG,size=$SIZE `touch /tmp/x`\n';
  const inv = invocationAt(analyze(text, { fileName: 'x.sh' }), text.indexOf('qemu'))!;
  assert.match(inv.refused ?? '', /command substitution \(\$\(rm -rf ~\)\), which is never run/);
  assert.deepEqual(inv.unresolved.map((u) => u.name), ['SIZE']);
  assert.ok(inv.argv.includes('memory-backend-file,id=m,mem-path=/tmp/a.img,size=$SIZE'));
});

test('a mem-path that is a symlink or a device is reported, and host checks never follow or open it', () => {
  const fake: HostView = {
    stat: (p) => (p === '/srv/link.img' ? { kind: 'symlink', size: 0 } : p === '/dev/pmem0' ? { kind: 'device', size: 0 } : undefined),
  };
  const script = (p: string) => `qemu-system-x86_64 -M pc,nvdimm=on -m 1G,slots=1,maxmem=2G -object memory-backend-file,id=m,share=on,mem-path=${p},size=1G -device nvdimm,memdev=m\n`;
  for (const [p, re] of [
    ['/srv/link.img', /symbolic link/],
    ['/dev/pmem0', /is a device/],
  ] as const) {
    const text = script(p);
    const f = analyze(text, { fileName: 'x.sh', host: fake }).findings.filter((x) => x.code === 'mem-path-special');
    assert.equal(f.length, 1, p);
    assert.equal(text.slice(f[0].span.start, f[0].span.end), p);
    assert.match(f[0].message, re);
    assert.deepEqual(f[0].fixes ?? [], []);
  }
  // The real host view uses lstat: a symlink is a symlink, and its target is not touched.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qpmem-safety-'));
  try {
    const target = path.join(dir, 'target.img');
    fs.writeFileSync(target, 'data');
    const before = fs.statSync(target);
    fs.symlinkSync(target, path.join(dir, 'link.img'));
    assert.equal(nodeHost.stat(path.join(dir, 'link.img'))?.kind, 'symlink');
    assert.equal(nodeHost.stat('/dev/null')?.kind, 'device');
    const text = script(path.join(dir, 'link.img'));
    const f = analyze(text, { fileName: 'x.sh', host: nodeHost }).findings.filter((x) => x.code === 'mem-path-special');
    assert.equal(f.length, 1);
    const after = fs.statSync(target);
    assert.equal(fs.readFileSync(target, 'utf8'), 'data');
    assert.equal(after.mtimeMs, before.mtimeMs);
    assert.equal(after.size, before.size);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
