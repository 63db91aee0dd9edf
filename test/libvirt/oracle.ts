/**
 * The real libvirt 9.0.0 as an oracle: `virsh` with the embedded QEMU driver,
 * run as nobody through setpriv (reference libvirt.md §5 item 3), no daemon.
 * One virsh process per case runs both `domxml-to-native qemu-argv` and
 * `define`.
 */
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, chownSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const NOBODY = 65534;

function which(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter).concat(['/usr/bin', '/usr/sbin', '/bin'])) {
    if (!dir) continue;
    try {
      accessSync(join(dir, cmd), constants.X_OK);
      return join(dir, cmd);
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** Why the oracle cannot run here, or undefined when it can. */
export function oracleUnavailable(): string | undefined {
  if (!which('virsh')) return 'virsh (libvirt-clients) is not installed';
  if (!which('setpriv')) return 'setpriv (util-linux) is not installed';
  if (!which('qemu-system-x86_64')) return 'qemu-system-x86_64 is not installed';
  if (process.getuid?.() !== 0) return 'running virsh as nobody through setpriv needs root';
  return undefined;
}

/** A fresh embedded-driver root owned by nobody. */
export function makeRoot(): string {
  const r = mkdtempSync(join(tmpdir(), 'qemu-pmem-libvirt-'));
  chmodSync(r, 0o755);
  chownSync(r, NOBODY, NOBODY);
  return r;
}

export function removeRoot(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface OracleResult {
  /** `virsh define` succeeded. */
  readonly defined: boolean;
  /** The define error (virsh's "error: ..." lines, without "Failed to define"). */
  readonly error: string;
  /** domxml-to-native's command line, when it produced one. */
  readonly argvLine?: string;
}

const MARK = '@@qemu-pmem-define@@';

/** Runs domxml-to-native and define on one XML in `root`. */
/** Writes one domain XML into `root`, readable by nobody. */
export function writeXml(root: string, name: string, xml: string): string {
  const file = join(root, `${name}.xml`);
  writeFileSync(file, xml);
  chmodSync(file, 0o644);
  return file;
}

/** setpriv's argv for `virsh ARGS...` as nobody with the embedded QEMU driver in `root` (reference §5 item 3). */
export function virshAsNobody(root: string, virshArgs: readonly string[]): string[] {
  const env = [
    'PATH=/usr/bin:/bin:/usr/sbin',
    `HOME=${root}`,
    `XDG_RUNTIME_DIR=${root}/run`,
    `XDG_CONFIG_HOME=${root}/config`,
    `XDG_CACHE_HOME=${root}/cache`,
    `XDG_DATA_HOME=${root}/data`,
    `LIBVIRT_LOG_OUTPUTS=3:file:${root}/virsh-embed.log`,
  ];
  return [
    `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups',
    'env', '-i', ...env,
    'virsh', '-c', `qemu:///embed?root=${root}/embed`, ...virshArgs,
  ];
}

export function runOracle(root: string, name: string, xml: string): Promise<OracleResult> {
  const file = writeXml(root, name, xml);
  const script = `domxml-to-native qemu-argv ${file}; echo ${MARK}; define ${file}; echo ${MARK}`;
  const args = virshAsNobody(root, [script]);
  return new Promise((resolve) => {
    execFile('setpriv', args, { timeout: 120_000, encoding: 'utf8', maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const [argvPart = '', definePart = ''] = stdout.split(MARK);
      const defined = new RegExp(`Domain '${name}' defined from`).test(definePart);
      const argvLine = argvPart.split('\n').find((l) => l.includes('qemu-system-'));
      const errors = stderr
        .split('\n')
        .filter((l) => l.startsWith('error: ') && !l.startsWith('error: Failed to '))
        .map((l) => l.slice(7));
      // domxml-to-native and define both print the error: keep the last one (define's).
      const error = err && !stdout ? String(err.message) : errors[errors.length - 1] ?? '';
      resolve({ defined, error, argvLine });
    });
  });
}

/** Splits virsh's shell-quoted one-line command (single quotes, backslash escapes). */
export function shellSplit(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const e = line.indexOf("'", i + 1);
      cur += line.slice(i + 1, e < 0 ? line.length : e);
      i = e < 0 ? line.length : e;
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

const MEMORY_DRIVERS = new Set(['nvdimm', 'virtio-pmem-pci', 'pc-dimm', 'virtio-mem-pci']);

/** JSON with keys sorted (key order is not significant to QEMU). */
function sortedJson(text: string): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, sort(x)])) : v;
  try {
    return JSON.stringify(sort(JSON.parse(text)));
  } catch {
    return text;
  }
}

/** The memory-related options of a full argv as "-opt value" lines (JSON keys sorted). */
export function memoryLines(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1] ?? '';
    if (a === '-no-acpi') out.push(a);
    else if (a === '-machine' || a === '-m' || a === '-numa') out.push(`${a} ${v}`);
    else if (a === '-object' && /"qom-type":"(memory-backend-[a-z]+|thread-context)"/.test(v)) out.push(`${a} ${sortedJson(v)}`);
    else if (a === '-device') {
      const m = /^\{"driver":"([^"]+)"/.exec(v);
      if (m && MEMORY_DRIVERS.has(m[1])) out.push(`${a} ${sortedJson(v)}`);
    }
  }
  return out;
}
