// End-to-end harness: a real VS Code workbench (code-server) driven in Debian's
// Chromium through playwright-core.
//
// startSession() starts code-server on 127.0.0.1 with a free port and fresh
// temp user-data/extensions dirs and config file, copies a fixture workspace,
// opens it in a fresh browser context and waits for the workbench. The
// returned Session exposes helpers that wait on UI state (never fixed sleeps).
// Session.close() kills code-server's process group and the browser, then
// checks that nothing is left behind.
//
// Plain ESM JavaScript on purpose: it runs directly with `node` (no build
// step), and tsconfig.json does not type-check .mjs files.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { codeServerEntry } from '../../scripts/e2e/install-code-server.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');
export const EXTENSION_OUTPUT_CHANNEL = 'QEMU Persistent Memory';
export const CHROMIUM = process.env.QEMU_PMEM_CHROMIUM || '/usr/bin/chromium';
/** Default time limit of every wait; QEMU_PMEM_E2E_TIMEOUT_MS scales it for slow CI. */
export const DEFAULT_TIMEOUT = Number(process.env.QEMU_PMEM_E2E_TIMEOUT_MS || 30_000);
const HEADED = process.env.QEMU_PMEM_E2E_HEADED === '1';

/** Settings that keep the workbench quiet and deterministic. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.enabled': false,
  'editor.minimap.enabled': false,
  // Word-based suggestions would mix into the suggest list; tests want ours.
  'editor.wordBasedSuggestions': 'off',
  'editor.hover.delay': 100,
  'editor.cursorBlinking': 'solid',
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

/** Picks a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

function sanitize(name) {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'step';
}

function elapsed(t0) {
  return Number(((performance.now() - t0) / 1000).toFixed(2));
}

/** Resolves when `pred(text)` holds for the accumulated output of a stream. */
function waitForOutput(child, pred, timeout, what) {
  return new Promise((resolve, reject) => {
    let buf = '';
    const onData = (d) => {
      buf += d.toString();
      if (pred(buf)) finish(null);
    };
    const onExit = (code, sig) => finish(new Error(`${what}: code-server exited (code ${code}, signal ${sig}) before it was ready:\n${buf.slice(-4000)}`));
    const timer = setTimeout(() => finish(new Error(`${what}: timed out after ${timeout} ms:\n${buf.slice(-4000)}`)), timeout);
    function finish(err) {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
      err ? reject(err) : resolve(buf);
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });
}

/** All pids whose process group is `pgid` (Linux /proc). */
function pidsInGroup(pgid) {
  const out = [];
  for (const ent of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(ent)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${ent}/stat`, 'utf8');
      // Fields after the parenthesised comm: state ppid pgrp ...
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid) out.push(Number(ent));
    } catch {
      /* process went away */
    }
  }
  return out;
}

/** All pids whose command line mentions `needle` (e.g. a unique temp dir). */
function pidsMentioning(needle) {
  const out = [];
  for (const ent of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(ent) || Number(ent) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${ent}/cmdline`, 'utf8');
      if (cmd.includes(needle)) out.push(Number(ent));
    } catch {
      /* gone */
    }
  }
  return out;
}

function killGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

async function waitUntil(pred, timeout, interval = 50) {
  const end = Date.now() + timeout;
  for (;;) {
    if (pred()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Recursively lists files under dir. */
function walk(dir) {
  const out = [];
  let ents = [];
  try {
    ents = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of ents) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** Installs a .vsix into an extensions dir with code-server's CLI. */
export function installVsix({ entry = codeServerEntry(), vsix, extensionsDir, userDataDir, log = () => {} }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-e2e-install-'));
  const t0 = performance.now();
  try {
    const r = spawnSync(
      process.execPath,
      [
        entry,
        '--config', path.join(tmp, 'config.yaml'),
        '--user-data-dir', userDataDir ?? path.join(tmp, 'udd'),
        '--extensions-dir', extensionsDir,
        '--force',
        '--install-extension', path.resolve(vsix),
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const out = `${r.stdout}\n${r.stderr}`;
    if (r.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${out}`);
    }
    log(`installed ${path.basename(vsix)} into ${extensionsDir} in ${elapsed(t0)}s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Starts code-server + Chromium and opens the workspace.
 * @param {object} o
 * @param {string} o.workspace fixture folder, copied into a temp dir
 * @param {string} [o.name] session name, prefix of screenshots
 * @param {string} [o.vsix] .vsix to install first (ignored if o.extensionsDir already has it, see o.vsixInstalled)
 * @param {string} [o.extensionsDir] extensions dir to use (default: fresh temp dir)
 * @param {boolean} [o.vsixInstalled] o.extensionsDir already holds the vsix
 * @param {'disabled'|'trust'|'decline'|'manual'} [o.trust] 'disabled' passes
 *   --disable-workspace-trust; 'trust'/'decline' answer the trust dialog;
 *   'manual' leaves the dialog open for the test.
 * @param {object} [o.settings] extra user settings
 * @param {string} [o.entry] code-server entry.js
 * @param {(m: string) => void} [o.log]
 * @returns {Promise<Session>}
 */
export async function startSession(o) {
  const s = new Session(o);
  try {
    await s._start();
  } catch (err) {
    await s.failureArtifacts('start-failed').catch(() => {});
    await s.close();
    throw err;
  }
  return s;
}

export class Session {
  constructor(o) {
    this.opts = o;
    this.name = sanitize(o.name ?? 'session');
    this.log = o.log ?? ((m) => console.log(m));
    this.entry = o.entry ?? codeServerEntry();
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qemu-pmem-e2e-'));
    this.userDataDir = path.join(this.tmp, 'user-data');
    this.extensionsDir = o.extensionsDir ?? path.join(this.tmp, 'extensions');
    this.browserProfile = path.join(this.tmp, 'chromium-profile');
    this.configFile = path.join(this.tmp, 'config.yaml');
    this.workspaceDir = path.join(this.tmp, 'workspace');
    this.resultsDir = RESULTS_DIR;
    /** @type {Record<string, number>} seconds */
    this.timings = {};
    this.server = null;
    this.context = null;
    this.page = null;
    this.serverOutput = '';
    this.closed = false;
    this._onExit = () => this._killSync();
    process.on('exit', this._onExit);
  }

  async _start() {
    const o = this.opts;
    fs.mkdirSync(this.extensionsDir, { recursive: true });
    fs.mkdirSync(path.join(this.userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(this.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...(o.settings ?? {}) }, null, 2));
    fs.cpSync(o.workspace, this.workspaceDir, { recursive: true });

    if (o.vsix && !o.vsixInstalled) {
      const t = performance.now();
      installVsix({ entry: this.entry, vsix: o.vsix, extensionsDir: this.extensionsDir, userDataDir: this.userDataDir, log: this.log });
      this.timings.installVsix = elapsed(t);
    }

    // Start code-server; retry if the picked port was taken meanwhile.
    const trust = o.trust ?? 'disabled';
    for (let attempt = 1; ; attempt++) {
      this.port = await freePort();
      fs.writeFileSync(this.configFile, `bind-addr: 127.0.0.1:${this.port}\nauth: none\ncert: false\n`);
      const args = [
        this.entry,
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${this.port}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-getting-started-override',
        '--config', this.configFile,
        '--user-data-dir', this.userDataDir,
        '--extensions-dir', this.extensionsDir,
        '--ignore-last-opened',
      ];
      if (trust === 'disabled') args.push('--disable-workspace-trust');
      args.push(this.workspaceDir);
      const t0 = performance.now();
      // detached: own process group, so close() can kill the server together
      // with its extension host, pty host and file watcher.
      this.server = spawn(process.execPath, args, {
        cwd: this.tmp,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, XDG_CONFIG_HOME: path.join(this.tmp, 'xdg-config'), XDG_DATA_HOME: path.join(this.tmp, 'xdg-data') },
      });
      this.server.stdout.on('data', (d) => (this.serverOutput += d));
      this.server.stderr.on('data', (d) => (this.serverOutput += d));
      try {
        await waitForOutput(this.server, (t) => t.includes('HTTP server listening on'), DEFAULT_TIMEOUT, 'code-server start');
        this.timings.serverListening = elapsed(t0);
        this._serverT0 = t0;
        break;
      } catch (err) {
        await this._killServer();
        if (attempt < 3 && /EADDRINUSE/.test(this.serverOutput)) continue;
        throw err;
      }
    }

    const tb = performance.now();
    this.context = await chromium.launchPersistentContext(this.browserProfile, {
      executablePath: CHROMIUM,
      headless: !HEADED,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1400, height: 900 },
      timeout: DEFAULT_TIMEOUT,
    });
    this.timings.browserLaunch = elapsed(tb);
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page.setDefaultTimeout(DEFAULT_TIMEOUT);
    this.consoleErrors = [];
    this.page.on('console', (m) => {
      if (m.type() === 'error') this.consoleErrors.push(m.text());
    });

    const tg = performance.now();
    const url = `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspaceDir)}`;
    await this.page.goto(url, { waitUntil: 'domcontentloaded' });
    await this.waitForWorkbench();
    this.timings.pageToWorkbench = elapsed(tg);
    this.timings.serverStartToWorkbench = elapsed(this._serverT0);
    this.log(`[${this.name}] workbench visible: ${this.timings.serverStartToWorkbench}s after code-server start (${this.timings.pageToWorkbench}s after page load)`);

    if (trust === 'trust' || trust === 'decline') await this.answerTrustDialog(trust);
  }

  // ---------------------------------------------------------------- basics

  /** Waits until the workbench has rendered its parts. */
  async waitForWorkbench() {
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ state: 'visible' });
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible' });
    await this.page.locator('.monaco-workbench .part.activitybar, .monaco-workbench .part.sidebar').first().waitFor({ state: 'visible' });
  }

  /** Full path inside the copied workspace. */
  file(rel) {
    return path.join(this.workspaceDir, rel);
  }

  /** 1-based {line, column} of the n-th (0-based) occurrence of needle in the workspace file, plus `delta` characters. */
  positionOf(rel, needle, { occurrence = 0, delta = 0 } = {}) {
    const text = fs.readFileSync(this.file(rel), 'utf8');
    let idx = -1;
    for (let i = 0; i <= occurrence; i++) {
      idx = text.indexOf(needle, idx + 1);
      if (idx < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) not found in ${rel}`);
    }
    idx += delta;
    const before = text.slice(0, idx);
    const line = before.split('\n').length;
    const column = idx - before.lastIndexOf('\n');
    return { line, column };
  }

  /** Screenshot to test-results/e2e/<session>-<step>.png; returns the path. */
  async screenshot(step) {
    fs.mkdirSync(this.resultsDir, { recursive: true });
    const p = path.join(this.resultsDir, `${this.name}-${sanitize(step)}.png`);
    await this.page.screenshot({ path: p, timeout: 10_000 });
    return p;
  }

  async press(key) {
    await this.page.keyboard.press(key);
  }

  async type(text) {
    await this.page.keyboard.type(text);
  }

  /** Presses Escape until no quick input, suggest widget, hover or dialog-less overlay is visible. */
  async dismissOverlays() {
    for (let i = 0; i < 5; i++) {
      const open = await this.page
        .locator('.quick-input-widget:visible, .suggest-widget.visible, .monaco-hover:visible, .context-view .action-widget:visible')
        .count();
      if (!open) return;
      await this.page.keyboard.press('Escape');
    }
  }

  // --------------------------------------------------------- quick input

  quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  /** Waits for the quick input to show a row whose label is `label` (exact, or matching a RegExp) and selects it. */
  async pickQuickInputItem(label) {
    const rows = this.quickInput().locator('.monaco-list-row');
    const matcher = label instanceof RegExp ? label : new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`);
    const row = rows.filter({ has: this.page.locator('.label-name', { hasText: matcher }) }).first();
    await row.waitFor({ state: 'visible' });
    const before = await this.quickInput().locator('input').inputValue();
    await row.click();
    // Done when the widget closes, or when it moved on to a next step (a
    // command that asks for more input replaces the list and the text).
    await this.page.waitForFunction((prev) => {
      const w = document.querySelector('.quick-input-widget');
      if (!w || getComputedStyle(w).display === 'none') return true;
      const input = w.querySelector('input');
      return !!input && input.value !== prev;
    }, before);
  }

  /** Opens a file of the workspace through Quick Open (Ctrl+P) and waits for its editor. */
  async openFile(rel) {
    await this.dismissOverlays();
    await this.page.keyboard.press('Control+P');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(rel);
    const base = path.basename(rel);
    const row = this.quickInput()
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(base)}\\s*$`) }) })
      .filter({ hasText: path.dirname(rel) === '.' ? '' : path.dirname(rel) })
      .first();
    await row.waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
    await this.waitForEditor(base);
  }

  /** Waits until the active editor tab is `name` and its text is rendered and focused. */
  async waitForEditor(name) {
    await this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"], .title .label-name:text-is("${name}")`).first().waitFor({ state: 'visible' });
    await this.activeEditor().locator('.view-lines .view-line').first().waitFor({ state: 'visible' });
    await this.page.waitForFunction(() => !!document.activeElement?.closest('.editor-instance .monaco-editor'));
  }

  /** The active text editor (in the editor area). */
  activeEditor() {
    return this.page.locator('.part.editor .editor-group-container.active .editor-instance .monaco-editor').first();
  }

  /**
   * Runs a command by its palette label (F1), e.g. "View: Toggle Word Wrap".
   * `label` may be a RegExp matched against the row labels; the text typed
   * into the palette is then `filter` (default: the RegExp's source).
   */
  async runCommand(label, { filter } = {}) {
    await this.dismissOverlays();
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${filter ?? (label instanceof RegExp ? label.source : label)}`);
    await this.pickQuickInputItem(label);
  }

  /** Moves the cursor of the active editor to 1-based line:column (Go to Line, Ctrl+G). */
  async gotoPosition(line, column = 1) {
    await this.dismissOverlays();
    await this.page.keyboard.press('Control+G');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden' });
    await this.page.waitForFunction(
      ([l, c]) => {
        const el = document.querySelector('.statusbar [id="status.editor.selection"]');
        return !!el && el.textContent.includes(`Ln ${l}, Col ${c}`);
      },
      [line, column],
    );
  }

  /** Text of the active editor as rendered (fine for files that fit on screen). */
  async editorText() {
    return this.activeEditor().evaluate((ed) => {
      const lines = [...ed.querySelectorAll('.view-lines .view-line')];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
    });
  }

  /** Waits until the rendered text of the active editor satisfies pred. */
  async waitForEditorText(pred, timeout = DEFAULT_TIMEOUT) {
    const end = Date.now() + timeout;
    let last = '';
    for (;;) {
      last = await this.editorText();
      if (pred(last)) return last;
      if (Date.now() > end) throw new Error(`editor text did not reach the expected state within ${timeout} ms; it is:\n${last}`);
      await this.page.waitForTimeout(100); // polling a condition, not a fixed wait for an event
    }
  }

  // ------------------------------------------------------------ problems

  /** Opens the Problems panel (Ctrl+Shift+M) and waits for its tree. */
  async showProblems() {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)').catch(async () => {
        await this.page.keyboard.press('Control+Shift+M');
      });
    }
    await panel.waitFor({ state: 'visible' });
  }

  /**
   * Rows of the Problems panel (markers only, not file rows).
   * @returns {Promise<Array<{severity: string, message: string, source: string, code: string, line: number, column: number, file: string, text: string}>>}
   */
  async problems() {
    await this.showProblems();
    return this.page.locator('.markers-panel').evaluate((panel) => {
      const rows = [...panel.querySelectorAll('.monaco-list-row')];
      rows.sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')));
      const out = [];
      let file = '';
      for (const row of rows) {
        const res = row.querySelector('.markers-panel-tree-resource, .resource-label, .monaco-icon-label.file-icon');
        const marker = row.querySelector('.marker-message-details, .marker-message-line, .marker-message');
        if (!marker && res) {
          file = (row.querySelector('.label-name')?.textContent ?? '').trim();
          continue;
        }
        if (!marker) continue;
        const icon = row.querySelector('.marker-icon');
        const iconCls = icon?.className ?? '';
        const severity = /error/.test(iconCls) ? 'error' : /warning/.test(iconCls) ? 'warning' : /info/.test(iconCls) ? 'info' : 'hint';
        const message = (row.querySelector('.marker-message-line .marker-message, .marker-message')?.textContent ?? '').trim();
        const source = (row.querySelector('.marker-source')?.textContent ?? '').trim();
        const code = (row.querySelector('.marker-code')?.textContent ?? '').trim().replace(/^\(|\)$/g, '');
        const lc = (row.querySelector('.marker-line')?.textContent ?? '').match(/(\d+)\D+(\d+)/);
        out.push({
          severity,
          message,
          source,
          code,
          line: lc ? Number(lc[1]) : 0,
          column: lc ? Number(lc[2]) : 0,
          file,
          text: (row.textContent ?? '').trim(),
        });
      }
      return out;
    });
  }

  /**
   * Waits until the Problems panel rows satisfy pred(rows) and returns them.
   * @param {(rows: Awaited<ReturnType<Session['problems']>>) => boolean} pred
   */
  async waitForProblems(pred, timeout = DEFAULT_TIMEOUT) {
    await this.showProblems();
    const end = Date.now() + timeout;
    let rows = [];
    for (;;) {
      rows = await this.problems();
      if (pred(rows)) return rows;
      if (Date.now() > end) {
        throw new Error(`Problems panel did not reach the expected state within ${timeout} ms; rows:\n${rows.map((r) => `  ${r.severity} ${r.code} ${r.line}:${r.column} ${r.message}`).join('\n') || '  (none)'}`);
      }
      await this.page.waitForTimeout(100); // polling a condition
    }
  }

  /** The problem counts shown in the status bar: {errors, warnings}. */
  async statusBarProblemCounts() {
    const text = await this.page.locator('.statusbar [id="status.problems"]').innerText();
    const nums = (text.match(/\d+/g) ?? []).map(Number);
    return { errors: nums[0] ?? 0, warnings: nums[1] ?? 0, text };
  }

  // ------------------------------------------------------------ squiggles

  /**
   * Squiggle decorations in the active editor, with the 1-based line they are on.
   * @returns {Promise<Array<{severity: 'error'|'warning'|'info'|'hint', line: number, left: number, width: number}>>}
   */
  async squiggles() {
    return this.activeEditor().evaluate((ed) => {
      // Line numbers by vertical offset, from the gutter.
      const tops = new Map();
      for (const ln of ed.querySelectorAll('.margin-view-overlays > div')) {
        const num = ln.querySelector('.line-numbers')?.textContent?.trim();
        if (num) tops.set(parseFloat(ln.style.top), Number(num));
      }
      const out = [];
      for (const lineDiv of ed.querySelectorAll('.view-overlays > div')) {
        const line = tops.get(parseFloat(lineDiv.style.top)) ?? 0;
        for (const d of lineDiv.querySelectorAll('[class*="squiggly-"]')) {
          const m = d.className.match(/squiggly-(error|warning|info|hint)/);
          if (!m) continue;
          out.push({ severity: m[1], line, left: parseFloat(d.style.left), width: parseFloat(d.style.width) });
        }
      }
      return out;
    });
  }

  /** Waits until the squiggles satisfy pred(list). */
  async waitForSquiggles(pred, timeout = DEFAULT_TIMEOUT) {
    const end = Date.now() + timeout;
    let list = [];
    for (;;) {
      list = await this.squiggles();
      if (pred(list)) return list;
      if (Date.now() > end) throw new Error(`squiggles did not reach the expected state within ${timeout} ms: ${JSON.stringify(list)}`);
      await this.page.waitForTimeout(100); // polling a condition
    }
  }

  // ------------------------------------------------------------- suggest

  suggestWidget() {
    return this.activeEditor().locator('.suggest-widget');
  }

  /**
   * Triggers suggest (Ctrl+Space) at the cursor and returns the labels listed.
   * With `expect`, waits until all those labels are listed (the list can grow
   * while slow providers answer). Long lists are virtualised: the whole list
   * is collected by scrolling it when needed.
   */
  async triggerSuggest({ expect = [], timeout = DEFAULT_TIMEOUT } = {}) {
    const widget = this.suggestWidget();
    const visible = this.activeEditor().locator('.suggest-widget.visible');
    if (!(await visible.count())) await this.page.keyboard.press('Control+Space');
    await visible.waitFor({ state: 'visible', timeout });
    const end = Date.now() + timeout;
    let labels = [];
    for (;;) {
      const loading = await widget.locator('.message:visible').count();
      if (!loading) {
        labels = await this.allSuggestLabels(expect);
        if (expect.every((l) => labels.includes(l))) return labels;
      }
      if (Date.now() > end) throw new Error(`suggest list ${JSON.stringify(labels)} lacks some of ${JSON.stringify(expect)}`);
      await this.page.waitForTimeout(100); // polling a condition
    }
  }

  /** Labels of the rows currently rendered in the suggest widget. */
  async suggestLabels() {
    return this.suggestWidget()
      .locator('.monaco-list-row .label-name')
      .evaluateAll((els) => els.map((e) => e.textContent.trim()));
  }

  /**
   * Labels of the suggest list, scrolling through it if it is longer than
   * what is rendered; stops early once every label of `wanted` was seen.
   */
  async allSuggestLabels(wanted = []) {
    const widget = this.suggestWidget();
    const total = Number((await widget.locator('.monaco-list-row').first().getAttribute('aria-setsize').catch(() => null)) ?? 0);
    const seen = new Set(await this.suggestLabels());
    const done = () => seen.size >= total || (wanted.length > 0 && wanted.every((l) => seen.has(l)));
    if (!total || done()) return [...seen];
    const box = await widget.boundingBox();
    if (!box) return [...seen];
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 200 && !done(); i++) {
      const lastIndex = await widget.locator('.monaco-list-row').last().getAttribute('data-index');
      await this.page.mouse.wheel(0, box.height / 2);
      // Wait for the list to render further rows (or give up at the end).
      const moved = await this.page
        .waitForFunction(
          ([sel, prev]) => {
            const rows = document.querySelectorAll(sel);
            return rows.length && rows[rows.length - 1].getAttribute('data-index') !== prev;
          },
          ['.editor-instance .monaco-editor .suggest-widget .monaco-list-row', lastIndex],
          { timeout: 2000 },
        )
        .then(() => true, () => false);
      for (const l of await this.suggestLabels()) seen.add(l);
      if (!moved) break;
    }
    return [...seen];
  }

  /** Accepts the suggestion with the given label. */
  async acceptSuggestion(label) {
    const row = this.suggestWidget()
      .locator('.monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
    await row.click();
    await this.suggestWidget().and(this.page.locator('.visible')).waitFor({ state: 'hidden' });
  }

  // --------------------------------------------------------------- hover

  /**
   * Moves the mouse over the character at 1-based line:column of the active
   * editor and returns the text of the hover that appears. With `expect`
   * (string or RegExp), waits until the hover text matches it.
   */
  async hoverAt(line, column, { expect, timeout = DEFAULT_TIMEOUT } = {}) {
    await this.dismissOverlays();
    await this.gotoPosition(line, column);
    // The cursor now sits before the character: point just right of it.
    const box = await this.activeEditor().locator('.cursors-layer .cursor').first().boundingBox();
    if (!box) throw new Error('no cursor box in the active editor');
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    const end = Date.now() + timeout;
    // A hover request made before the provider is ready yields nothing and is
    // not repeated while the mouse rests: move away and back until it shows.
    for (let attempt = 0; ; attempt++) {
      await this.page.mouse.move(1, 1);
      await this.page.mouse.move(box.x + 4, box.y + box.height / 2, { steps: 2 });
      const shown = await hover.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(1, end - Date.now())) }).then(
        () => true,
        () => false,
      );
      if (shown) break;
      if (Date.now() >= end) throw new Error(`no hover appeared at ${line}:${column} within ${timeout} ms (${attempt + 1} attempts)`);
    }
    for (;;) {
      const text = (await hover.innerText().catch(() => '')).trim();
      const loading = /^Loading\.\.\.$/m.test(text);
      if (!loading && text && (!expect || (expect instanceof RegExp ? expect.test(text) : text.includes(expect)))) return text;
      if (Date.now() > end) throw new Error(`hover text did not match ${expect}: ${text}`);
      await this.page.waitForTimeout(100); // polling a condition
    }
  }

  /** Moves the mouse away so that hovers close. */
  async clearHover() {
    await this.page.mouse.move(1, 1);
    await this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' }).catch(() => {});
  }

  // ----------------------------------------------------------- quick fix

  /**
   * Opens the quick-fix menu (Ctrl+.) at line:column and returns its item
   * titles. With `expect` (string or RegExp), waits until such an item is listed.
   */
  async quickFixItems(line, column, { expect, timeout = DEFAULT_TIMEOUT } = {}) {
    const menu = this.page.locator('.action-widget:visible');
    const matches = (t) => !expect || (expect instanceof RegExp ? expect.test(t) : t === expect);
    const end = Date.now() + timeout;
    let items = [];
    // A request answered before the provider is ready shows no menu (or one
    // without our fix): close it and ask again until it does, or time out.
    for (;;) {
      await this.dismissOverlays();
      await this.gotoPosition(line, column);
      await this.page.keyboard.press('Control+.');
      const shown = await menu.waitFor({ state: 'visible', timeout: Math.min(5000, Math.max(1, end - Date.now())) }).then(
        () => true,
        () => false,
      );
      if (shown) {
        items = await menu
          .locator('.monaco-list-row.action')
          .evaluateAll((els) => els.map((e) => (e.querySelector('.title')?.textContent ?? e.textContent ?? '').trim()));
        if (items.some(matches)) return items;
      }
      if (Date.now() >= end) throw new Error(`quick fix menu at ${line}:${column} ${shown ? JSON.stringify(items) : '(not shown)'} has no ${expect}`);
      await this.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => {});
    }
  }

  /**
   * Opens quick fix at line:column and applies the first item whose title is
   * `title` (string) or matches it (RegExp). Returns the title applied.
   */
  async applyQuickFix(line, column, title) {
    const items = await this.quickFixItems(line, column, { expect: title });
    const menu = this.page.locator('.action-widget:visible');
    const matches = (t) => (title instanceof RegExp ? title.test(t) : t === title);
    // The menu sits behind a pointer block: walk the list with the keyboard.
    for (let i = 0; i <= items.length; i++) {
      const focused = ((await menu.locator('.monaco-list-row.action.focused .title').first().textContent().catch(() => '')) ?? '').trim();
      if (matches(focused)) {
        await this.page.keyboard.press('Enter');
        await menu.waitFor({ state: 'hidden' });
        return focused;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not focus quick fix ${title} in ${JSON.stringify(items)}`);
  }

  // -------------------------------------------------------- notifications

  /** Texts of visible notification toasts. */
  async notifications() {
    return this.page.locator('.notifications-toasts .notification-toast').evaluateAll((els) => els.map((e) => e.textContent.trim()));
  }

  /** Waits for a notification toast whose text matches. Returns its text. */
  async waitForNotification(match, timeout = DEFAULT_TIMEOUT) {
    const loc = this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: match }).first();
    await loc.waitFor({ state: 'visible', timeout });
    return (await loc.innerText()).trim();
  }

  // ---------------------------------------------------------- workspace trust

  /** Answers the "Do you trust the authors…" dialog: 'trust' or 'decline'. */
  async answerTrustDialog(choice) {
    const dialog = this.page.locator('.monaco-dialog-box').filter({ hasText: /trust the authors/i });
    await dialog.waitFor({ state: 'visible' });
    await this.screenshot(`trust-dialog`);
    const button = dialog.locator('.monaco-button').filter({ hasText: choice === 'trust' ? /Yes, I trust/i : /No, I don.t trust/i }).first();
    await button.click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** True if the window shows the Restricted Mode indicator. */
  async isRestrictedMode() {
    return (await this.page.locator('.statusbar [id="status.workspaceTrust"]').filter({ hasText: /Restricted/i }).count()) > 0;
  }

  // -------------------------------------------------------------- output

  /** The folder of code-server's logs for this session. */
  logsDir() {
    return path.join(this.userDataDir, 'logs');
  }

  /**
   * Text of the output channel `name`, read from the file VS Code backs it
   * with (…/exthost/output_logging_<stamp>/N-<name>.log, or <ext id>/<name>.log for
   * log channels). Returns undefined if no such channel exists (yet).
   */
  outputChannelText(name) {
    const files = walk(this.logsDir()).filter((f) => {
      const b = path.basename(f);
      return b === `${name}.log` || new RegExp(`^\\d+-${escapeRegExp(name)}\\.log$`).test(b);
    });
    if (!files.length) return undefined;
    return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  }

  /** Waits until the output channel exists and its text satisfies pred. */
  async waitForOutputChannel(name, pred = () => true, timeout = DEFAULT_TIMEOUT) {
    let text;
    const ok = await waitUntil(() => {
      text = this.outputChannelText(name);
      return text !== undefined && pred(text);
    }, timeout, 100);
    if (!ok) throw new Error(`output channel "${name}" did not reach the expected state within ${timeout} ms; text: ${text ?? '(no channel)'}`);
    return text;
  }

  /** Shows the output channel in the Output view (for screenshots). */
  async showOutputChannel(name) {
    await this.runCommand('Output: Show Output Channels...');
    await this.pickQuickInputItem(name);
    await this.page.locator('.part.panel .output-view, .part.panel [id="workbench.panel.output"]').first().waitFor({ state: 'visible' });
  }

  /** The extension host log text (exthost.log, remote side). */
  exthostLog() {
    return walk(this.logsDir())
      .filter((f) => path.basename(f) === 'exthost.log' || path.basename(f) === 'remoteexthost.log')
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
  }

  /**
   * Activation info of an extension from the exthost log:
   * `ExtensionService#_doActivateExtension <id>, startup: …, activationEvent: '…'`.
   * The log line carries no duration, so the time is read from the
   * "Developer: Show Running Extensions" editor when `fromUi` is set.
   */
  async activationInfo(extensionId, { fromUi = true } = {}) {
    const line = this.exthostLog()
      .split('\n')
      .find((l) => l.includes(`ExtensionService#_doActivateExtension ${extensionId},`));
    const info = { extensionId, logLine: line?.trim(), activationEvent: line?.match(/activationEvent: '([^']*)'/)?.[1], activationMs: undefined };
    if (fromUi && line) {
      try {
        await this.runCommand('Developer: Show Running Extensions');
        // Rows are labelled with the extension's package name.
        const row = this.page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${extensionId.split('.').pop()}"]`).first();
        await row.waitFor({ state: 'visible', timeout: 15_000 });
        const t = await row.locator('.activation-time').first().innerText({ timeout: 5_000 }); // "Activation: 147ms"
        const m = t.match(/([\d.]+)\s*ms/);
        if (m) info.activationMs = Number(m[1]);
        info.activationText = t.trim();
        await this.runCommand('View: Close Editor');
      } catch (err) {
        info.uiError = String(err.message ?? err).split('\n')[0];
      }
    }
    return info;
  }

  // ------------------------------------------------------------ failures

  /** Screenshot + output channel + exthost log into test-results/e2e/ after a failed step. */
  async failureArtifacts(step) {
    fs.mkdirSync(this.resultsDir, { recursive: true });
    const written = [];
    if (this.page) {
      try {
        written.push(await this.screenshot(`FAILED-${step}`));
      } catch {
        /* page gone */
      }
    }
    const prefix = path.join(this.resultsDir, `${this.name}-FAILED-${sanitize(step)}`);
    const channel = this.outputChannelText(EXTENSION_OUTPUT_CHANNEL);
    fs.writeFileSync(`${prefix}-output-channel.log`, channel ?? `(no output channel "${EXTENSION_OUTPUT_CHANNEL}" found under ${this.logsDir()})\n`);
    written.push(`${prefix}-output-channel.log`);
    fs.writeFileSync(`${prefix}-exthost.log`, this.exthostLog() || '(no exthost log)\n');
    written.push(`${prefix}-exthost.log`);
    fs.writeFileSync(`${prefix}-code-server.log`, this.serverOutput);
    written.push(`${prefix}-code-server.log`);
    return written;
  }

  // ------------------------------------------------------------ teardown

  async _killServer() {
    const srv = this.server;
    if (!srv || srv.exitCode !== null || srv.signalCode !== null) {
      if (srv) killGroup(srv.pid, 'SIGKILL'); // children may outlive the leader
      return;
    }
    const exited = new Promise((r) => srv.once('exit', r));
    killGroup(srv.pid, 'SIGTERM');
    const timeout = new Promise((r) => setTimeout(r, 5000, 'timeout'));
    if ((await Promise.race([exited, timeout])) === 'timeout') killGroup(srv.pid, 'SIGKILL');
    // The extension host etc. share the group; make sure they are gone too.
    if (!(await waitUntil(() => pidsInGroup(srv.pid).length === 0, 5000))) killGroup(srv.pid, 'SIGKILL');
    await waitUntil(() => pidsInGroup(srv.pid).length === 0, 5000);
  }

  /** Last-resort synchronous cleanup (process exit). */
  _killSync() {
    if (this.server) killGroup(this.server.pid, 'SIGKILL');
    for (const pid of pidsMentioning(this.tmp)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }

  /** Closes the browser and code-server; returns stray pids found (killed). */
  async close() {
    if (this.closed) return [];
    this.closed = true;
    if (this.context) await this.context.close().catch(() => {});
    await this._killServer();
    // Anything still mentioning our temp dir (browser profile, server args) is a stray.
    let strays = pidsMentioning(this.tmp);
    if (strays.length) {
      for (const pid of strays) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      await waitUntil(() => pidsMentioning(this.tmp).length === 0, 5000);
    }
    process.off('exit', this._onExit);
    if (process.env.QEMU_PMEM_E2E_KEEP_TMP !== '1') {
      try {
        // Retries: a dying browser may still be flushing its profile.
        fs.rmSync(this.tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      } catch (err) {
        this.log(`warning: could not remove ${this.tmp}: ${err.message}`);
      }
    }
    return strays;
  }
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
