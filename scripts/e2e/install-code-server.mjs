#!/usr/bin/env node
// Installs code-server (the VS Code workbench served over HTTP) into a cache
// folder outside the repository, so the end-to-end tests can drive a real
// VS Code in Debian's Chromium using only the npm registry.
//
// The steps follow docs in shared/reference/code-server-offline.md:
//   npm install --ignore-scripts code-server@4.100.3
//   lib/vscode: npm install --omit=dev --ignore-scripts, node-gyp rebuild
//     --nodedir=/usr of kerberos and node-pty (plus @vscode/spdlog,
//     @parcel/watcher, native-watchdog, @vscode/deviceid: see NATIVE_MODULES), symlinks (node_modules.asar,
//     remote-cli/code-server, helpers/browser.sh, ripgrep -> /usr/bin/rg),
//     extensions: npm install --omit=dev --ignore-scripts
//   top: npm rebuild argon2
//   check: entry.js --version prints "with Code 1.100.3"
//
// Idempotent: a marker file is written only after the version check passes;
// with the marker present (and the check still passing) nothing is done.
// The install happens in a sibling staging folder that is renamed into place
// at the end, so an interrupted run never leaves a half-installed cache.
//
// Usage: node scripts/e2e/install-code-server.mjs [--force]
// Env:   QEMU_PMEM_CODE_SERVER_DIR overrides the install folder.
// Importable: ensureCodeServer({ force, log }) -> { dir, entry, version, installedNow, seconds }

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
const MARKER = '.qemu-pmem-install-complete';

/**
 * Native modules of lib/vscode built with node-gyp (--ignore-scripts skipped
 * their install scripts). kerberos and node-pty are the reference's list.
 * Added here: @vscode/spdlog (without it the server cannot write any log file:
 * no exthost log, no output-channel files, which the e2e harness reads),
 * @parcel/watcher (file watching of the workspace), native-watchdog and
 * @vscode/deviceid (small; avoid load errors in the server log). The
 * windows-* modules are not needed on Linux.
 */
export const NATIVE_MODULES = ['kerberos', 'node-pty', '@vscode/spdlog', '@parcel/watcher', 'native-watchdog', '@vscode/deviceid'];

/** The cache folder (not created). */
export function codeServerDir() {
  if (process.env.QEMU_PMEM_CODE_SERVER_DIR) return path.resolve(process.env.QEMU_PMEM_CODE_SERVER_DIR);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'qemu-pmem', `code-server-${CODE_SERVER_VERSION}`);
}

/** Path of code-server's node entry point inside an install folder. */
export function codeServerEntry(dir = codeServerDir()) {
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/**
 * Environment for child npm/node-gyp processes. When this script runs under
 * `npm run`, npm exports npm_config_local_prefix=<the repo> and npm_package_*;
 * a nested npm would then install into the repo. Drop those; keep the user's
 * real configuration (registry, cache, cafile, proxies).
 */
function childEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    const k = key.toLowerCase();
    if (
      k === 'npm_config_local_prefix' ||
      k === 'npm_config_prefix' ||
      k === 'npm_config_global' ||
      k === 'npm_config_call' ||
      k === 'npm_command' ||
      k.startsWith('npm_package_') ||
      k.startsWith('npm_lifecycle_') ||
      k === 'init_cwd'
    ) {
      delete env[key];
    }
  }
  // Never try to download Node headers or ripgrep binaries.
  env.npm_config_nodedir = '/usr';
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* keep looking */
    }
  }
  return undefined;
}

/** Returns a list of human-readable problems with the machine's prerequisites. */
export function checkPrerequisites() {
  const problems = [];
  const [major] = process.versions.node.split('.').map(Number);
  if (major < 20 || major >= 24) {
    problems.push(`Node ${process.versions.node}: code-server ${CODE_SERVER_VERSION} needs Node 20-22 (later code-server releases need Node 24).`);
  }
  const missingApt = [];
  if (!fs.existsSync('/usr/bin/chromium')) missingApt.push('chromium');
  if (!which('rg') && !fs.existsSync('/usr/bin/rg')) missingApt.push('ripgrep');
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/krb5.h')) missingApt.push('libkrb5-dev');
  if (missingApt.length) {
    problems.push(
      `Missing Debian packages: ${missingApt.join(' ')}. Install them with:\n` +
        `    apt-get update && apt-get install -y ${missingApt.join(' ')}`,
    );
  }
  if (!fs.existsSync('/usr/include/node/common.gypi')) {
    problems.push(
      'Node headers not found in /usr/include/node (node-gyp is run with --nodedir=/usr so that it never downloads headers). ' +
        'Use a Node installation that ships its headers under /usr (Debian/NodeSource packages do).',
    );
  }
  const missingTools = ['make', 'g++', 'python3'].filter((t) => !which(t));
  if (missingTools.length) {
    problems.push(`Build tools for node-gyp missing: ${missingTools.join(' ')} (apt-get install -y build-essential python3).`);
  }
  return problems;
}

/** npm's bundled node-gyp (so no extra download is needed). */
function nodeGypJs() {
  const candidates = [];
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  const npm = which('npm');
  if (npm) {
    const real = fs.realpathSync(npm); // .../lib/node_modules/npm/bin/npm-cli.js
    candidates.push(path.join(path.dirname(path.dirname(real)), 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    candidates.push(path.join(path.dirname(path.dirname(npm)), 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`Cannot find npm's bundled node-gyp (looked in: ${candidates.join(', ')})`);
  return found;
}

function run(log, cmd, args, cwd) {
  log(`  $ (cd ${cwd} && ${cmd} ${args.join(' ')})`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.error || r.status !== 0) {
    const out = `${r.stdout || ''}\n${r.stderr || ''}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`command failed (${r.error ? r.error.message : `exit ${r.status}`}) after ${secs}s: ${cmd} ${args.join(' ')}\n  in ${cwd}\n${out}`);
  }
  log(`    done in ${secs}s`);
  return r.stdout;
}

/** Creates (or replaces) a symlink `linkPath` -> `target`. */
function symlink(log, target, linkPath) {
  try {
    fs.rmSync(linkPath, { force: true, recursive: false });
  } catch {
    /* absent */
  }
  fs.symlinkSync(target, linkPath);
  log(`  ln -s ${target} ${linkPath}`);
}

/** Runs `entry.js --version` and returns its first line, or throws. */
export function codeServerVersion(dir = codeServerDir()) {
  // code-server writes a default config file wherever --config points (by
  // default ~/.config/code-server/config.yaml), even for --version: give it a
  // throwaway one.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-cs-version-'));
  try {
    const r = spawnSync(process.execPath, [codeServerEntry(dir), '--config', path.join(tmp, 'config.yaml'), '--version'], {
      env: childEnv(),
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = `${r.stdout || ''}`.trim();
    const line = out.split('\n').find((l) => l.includes(`with Code ${VSCODE_VERSION}`));
    if (r.status !== 0 || !line) {
      throw new Error(`code-server --version did not print "with Code ${VSCODE_VERSION}" (exit ${r.status}):\n${out}\n${r.stderr || ''}`);
    }
    return line.trim();
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function isComplete(dir) {
  if (!fs.existsSync(path.join(dir, MARKER))) return false;
  const modules = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  // A cache made by an older recipe lacks some native builds: reinstall.
  for (const mod of NATIVE_MODULES) {
    const release = path.join(modules, mod, 'build', 'Release');
    if (!fs.existsSync(release) || !fs.readdirSync(release).some((f) => f.endsWith('.node'))) return false;
  }
  try {
    codeServerVersion(dir);
    return true;
  } catch {
    return false;
  }
}

function installInto(stage, log) {
  fs.mkdirSync(stage, { recursive: true });
  // A package.json of our own stops npm from walking up to some other project.
  fs.writeFileSync(
    path.join(stage, 'package.json'),
    JSON.stringify({ name: 'qemu-pmem-code-server-cache', private: true, description: 'Cache of code-server for qemu-pmem e2e tests' }, null, 2) + '\n',
  );
  // --prefix on the command line forces the folder for a local install even if
  // the caller's environment points npm somewhere else.
  run(log, 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', stage, `code-server@${CODE_SERVER_VERSION}`], stage);

  const cs = path.join(stage, 'node_modules', 'code-server');
  const vscode = path.join(cs, 'lib', 'vscode');
  run(log, 'npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', vscode], vscode);

  const gyp = nodeGypJs();
  for (const mod of NATIVE_MODULES) {
    const modDir = path.join(vscode, 'node_modules', mod);
    run(log, process.execPath, [gyp, 'rebuild', '--nodedir=/usr', `--jobs=${Math.max(1, os.availableParallelism?.() ?? os.cpus().length)}`], modDir);
  }

  symlink(log, 'node_modules', path.join(vscode, 'node_modules.asar'));
  symlink(log, 'code-linux.sh', path.join(vscode, 'bin', 'remote-cli', 'code-server'));
  symlink(log, 'browser-linux.sh', path.join(vscode, 'bin', 'helpers', 'browser.sh'));
  const rgBin = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgBin, { recursive: true });
  symlink(log, which('rg') || '/usr/bin/rg', path.join(rgBin, 'rg'));

  const exts = path.join(vscode, 'extensions');
  run(log, 'npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', exts], exts);

  run(log, 'npm', ['rebuild', '--prefix', stage, 'argon2'], stage);
}

/**
 * Ensures code-server is installed in the cache folder.
 * @param {{ force?: boolean, log?: (msg: string) => void }} [opts]
 * @returns {{ dir: string, entry: string, version: string, installedNow: boolean, seconds: number }}
 */
export function ensureCodeServer(opts = {}) {
  const log = opts.log ?? ((m) => console.log(m));
  const dir = codeServerDir();
  const t0 = Date.now();
  if (!opts.force && isComplete(dir)) {
    const version = codeServerVersion(dir);
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${dir} (${version})`);
    return { dir, entry: codeServerEntry(dir), version, installedNow: false, seconds: (Date.now() - t0) / 1000 };
  }

  const problems = checkPrerequisites();
  if (problems.length) {
    throw new Error(`Cannot install code-server ${CODE_SERVER_VERSION}:\n- ${problems.join('\n- ')}`);
  }

  log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (a few minutes, ~320 MB) ...`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const stage = `${dir}.partial-${process.pid}`;
  fs.rmSync(stage, { recursive: true, force: true });
  try {
    installInto(stage, log);
    const version = codeServerVersion(stage);
    log(`  --version: ${version}`);
    // Swap into place. Relative symlinks and the built .node files do not
    // depend on the folder's absolute path, so a rename is safe.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(stage, dir);
    codeServerVersion(dir);
    fs.writeFileSync(
      path.join(dir, MARKER),
      JSON.stringify({ codeServer: CODE_SERVER_VERSION, vscode: VSCODE_VERSION, node: process.version, version, date: new Date().toISOString() }, null, 2) + '\n',
    );
    const seconds = (Date.now() - t0) / 1000;
    log(`code-server ${CODE_SERVER_VERSION} installed in ${seconds.toFixed(1)}s (${dir})`);
    return { dir, entry: codeServerEntry(dir), version, installedNow: true, seconds };
  } catch (err) {
    fs.rmSync(stage, { recursive: true, force: true });
    throw err;
  }
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  try {
    const r = ensureCodeServer({ force: process.argv.includes('--force') });
    console.log(`entry: ${r.entry}`);
    console.log(`took ${r.seconds.toFixed(1)}s`);
  } catch (err) {
    console.error(String(err && err.message ? err.message : err));
    process.exit(1);
  }
}

