#!/usr/bin/env node
// Entry point of `npm run test:e2e`.
//
//   node test/e2e/run.mjs [--vsix PATH] [--filter TEXT]... [--skip-extension]
//                         [--include-pending] [--no-package]
//
// 1. Ensures code-server is installed (scripts/e2e/install-code-server.mjs).
// 2. Ensures the extension's .vsix exists: --vsix PATH, or
//    qemu-pmem-<version>.vsix at the repo root, built with `npm run package`
//    when missing (unless --no-package).
// 3. Runs test/e2e/scenarios/*.mjs in name order, one fresh code-server +
//    Chromium session per scenario, and prints `N passed, N failed`.
//
// A scenario module exports `default async function (h)` where h is a
// harness Session (test/e2e/harness.mjs), and optionally
//   export const meta = {
//     title: string,
//     needsExtension: boolean,            // default true
//     trust: 'disabled'|'trust'|'decline'|'manual',  // default 'disabled'
//     workspace: string,                  // fixture folder, default test/e2e/workspace
//     settings: object,                   // extra user settings
//     pending: string,                    // reason; skipped unless --include-pending
//     timeoutMs: number,                  // default 180000
//   };
// Exit code 0 when nothing failed, 1 otherwise.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCodeServer } from '../../scripts/e2e/install-code-server.mjs';
import { installVsix, REPO_ROOT, RESULTS_DIR, startSession } from './harness.mjs';

const t0 = performance.now();
const secs = (t) => ((performance.now() - t) / 1000).toFixed(1);

function parseArgs(argv) {
  const a = { vsix: undefined, filters: [], skipExtension: false, includePending: false, noPackage: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--vsix') a.vsix = argv[++i];
    else if (arg.startsWith('--vsix=')) a.vsix = arg.slice(7);
    else if (arg === '--filter') a.filters.push(argv[++i]);
    else if (arg.startsWith('--filter=')) a.filters.push(arg.slice(9));
    else if (arg === '--skip-extension') a.skipExtension = true;
    else if (arg === '--include-pending') a.includePending = true;
    else if (arg === '--no-package') a.noPackage = true;
    else {
      console.error(`unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  return a;
}

/** Returns { vsix } or { error } explaining why there is none. */
function ensureVsix(args, pkg) {
  if (args.vsix) {
    const p = path.resolve(args.vsix);
    return fs.existsSync(p) ? { vsix: p } : { error: `--vsix ${p} does not exist` };
  }
  const p = path.join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
  if (fs.existsSync(p)) return { vsix: p };
  if (args.noPackage) return { error: `${path.basename(p)} is missing (and --no-package was given)` };
  console.log(`${path.basename(p)} is missing: running npm run package`);
  const t = performance.now();
  const r = spawnSync('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(p)) return { error: `npm run package failed (exit ${r.status}); no ${path.basename(p)}` };
  console.log(`packaged ${path.basename(p)} in ${secs(t)}s`);
  return { vsix: p };
}

async function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const extensionId = `${pkg.publisher}.${pkg.name}`;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });

  const cs = ensureCodeServer();

  // Scenarios, in name order.
  const dir = path.join(REPO_ROOT, 'test', 'e2e', 'scenarios');
  let files = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
  if (args.filters.length) files = files.filter((f) => args.filters.some((x) => f.includes(x)));
  const scenarios = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    if (typeof mod.default !== 'function') throw new Error(`${f} has no default export function`);
    scenarios.push({ file: f, name: f.replace(/\.mjs$/, ''), fn: mod.default, meta: { needsExtension: true, trust: 'disabled', ...(mod.meta ?? {}) } });
  }

  // The extension, installed once into an extensions dir shared by the sessions.
  let vsixError;
  let extensionsDir;
  const needsVsix = scenarios.some((s) => s.meta.needsExtension && !(s.meta.pending && !args.includePending)) && !args.skipExtension;
  if (needsVsix) {
    const v = ensureVsix(args, pkg);
    if (v.error) vsixError = v.error;
    else {
      extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-e2e-ext-'));
      try {
        installVsix({ entry: cs.entry, vsix: v.vsix, extensionsDir, log: (m) => console.log(m) });
      } catch (err) {
        vsixError = String(err.message ?? err);
      }
    }
  }

  const results = [];
  let activationReported = false;
  /** Activation as VS Code reports it ("Show Running Extensions"): npm run bench quotes it. */
  let activation;
  for (const sc of scenarios) {
    const label = `${sc.name}${sc.meta.title ? ` (${sc.meta.title})` : ''}`;
    if (sc.meta.pending && !args.includePending) {
      console.log(`- SKIP ${label}: ${sc.meta.pending}`);
      results.push({ name: sc.name, status: 'skipped', seconds: 0 });
      continue;
    }
    if (sc.meta.needsExtension && args.skipExtension) {
      console.log(`- SKIP ${label}: --skip-extension`);
      results.push({ name: sc.name, status: 'skipped', seconds: 0 });
      continue;
    }
    if (sc.meta.needsExtension && vsixError) {
      console.log(`✗ FAIL ${label}: no extension to test: ${vsixError}`);
      results.push({ name: sc.name, status: 'failed', seconds: 0, error: vsixError });
      continue;
    }
    console.log(`▶ ${label}`);
    const ts = performance.now();
    let session;
    let error;
    try {
      session = await startSession({
        name: sc.name,
        entry: cs.entry,
        workspace: path.resolve(REPO_ROOT, sc.meta.workspace ?? 'test/e2e/workspace'),
        extensionsDir: extensionsDir,
        vsixInstalled: true,
        trust: sc.meta.trust,
        settings: sc.meta.settings,
        log: (m) => console.log(`  ${m}`),
      });
      await withTimeout(sc.fn(session), sc.meta.timeoutMs ?? 180_000, sc.name);
      if (sc.meta.needsExtension && extensionsDir) {
        const info = await session.activationInfo(extensionId, { fromUi: !activationReported });
        if (info.logLine) {
          console.log(`  activation of ${extensionId}: event '${info.activationEvent}'${info.activationMs !== undefined ? `, ${info.activationMs} ms` : ''}`);
          if (info.activationMs !== undefined) {
            activationReported = true;
            activation = { event: info.activationEvent, ms: info.activationMs, at: new Date().toISOString() };
          }
          else if (info.uiError) console.log(`  (activation time not read from "Show Running Extensions": ${info.uiError})`);
        } else {
          console.log(`  activation of ${extensionId}: no ExtensionService#_doActivateExtension line in the exthost log`);
        }
      }
    } catch (err) {
      error = err;
      if (session) {
        const files = await session.failureArtifacts('scenario').catch(() => []);
        if (files.length) console.log(`  artifacts: ${files.map((f) => path.relative(REPO_ROOT, f)).join(', ')}`);
      }
    }
    if (session) {
      const strays = await session.close();
      if (strays.length) console.log(`  warning: killed ${strays.length} stray process(es): ${strays.join(' ')}`);
    }
    const seconds = Number(secs(ts));
    if (error) {
      console.log(`✗ FAIL ${sc.name} (${seconds}s)\n  ${String(error.stack ?? error).split('\n').join('\n  ')}`);
      results.push({ name: sc.name, status: 'failed', seconds, error: String(error.message ?? error) });
    } else {
      const t = session?.timings;
      console.log(`✓ PASS ${sc.name} (${seconds}s${t ? `; workbench visible ${t.serverStartToWorkbench}s after code-server start` : ''})`);
      results.push({ name: sc.name, status: 'passed', seconds });
    }
  }
  if (extensionsDir) fs.rmSync(extensionsDir, { recursive: true, force: true });

  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const skipped = results.filter((r) => r.status === 'skipped').length;
  fs.writeFileSync(path.join(RESULTS_DIR, 'results.json'), JSON.stringify({ passed, failed, skipped, seconds: Number(secs(t0)), activation, results }, null, 2) + '\n');
  console.log(`\ne2e total ${secs(t0)}s${skipped ? `, ${skipped} skipped` : ''}`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(String(err.stack ?? err));
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
