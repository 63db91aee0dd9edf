/**
 * Loading the server bundle with a V8 code cache.
 *
 * A fresh server process spends about 100 ms compiling dist/server-impl.js and
 * then compiles each function again the first time it runs. V8 can serialize
 * what it compiled (vm.Script#createCachedData) and take it back in the next
 * process, which then skips both. This file loads a CommonJS bundle through
 * vm.Script with such a cache, and writes the cache once per build, the first
 * time a process that had none (or had one V8 refused) ends or has served
 * for a while, so that it holds the functions the first analysis compiled.
 *
 * Where: `$QEMU_PMEM_CODE_CACHE` when it names a directory, otherwise the
 * user's cache directory (XDG on Linux, ~/Library/Caches, %LOCALAPPDATA%),
 * in `qemu-pmem/`, created with mode 0700. `QEMU_PMEM_CODE_CACHE=off`
 * turns it off. The file name carries a SHA-256 of the bundle, the Node
 * version and the architecture, so another build never reads this one's
 * cache (V8 itself only checks the length of the source and its flags).
 * The cache is written to a temporary file and renamed; older caches of
 * the same bundle name are removed then. Any failure here falls back to a
 * plain require and is never fatal: the cache only saves time.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { createHash } from 'node:crypto';
import { wrap } from 'node:module';

/** What loading reports: the exports, and whether V8 took a cache. */
export interface Loaded<T> {
  readonly exports: T;
  /** 'used': V8 took the cache; 'none': there was none or V8 refused it (save() writes one); 'off': not in use. */
  readonly cache: 'used' | 'none' | 'off';
  /** Writes the cache when this process had none usable (at most once; errors are ignored). */
  save(): void;
}

/** The directory for the cache, or undefined when it is turned off. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string | undefined {
  const setting = env.QEMU_PMEM_CODE_CACHE;
  if (setting !== undefined && /^(off|0|false|no)$/i.test(setting.trim())) return undefined;
  if (setting && path.isAbsolute(setting)) return setting;
  let base: string | undefined;
  if (platform === 'win32') base = env.LOCALAPPDATA;
  else if (platform === 'darwin') base = home && path.join(home, 'Library', 'Caches');
  else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : home && path.join(home, '.cache');
  return base ? path.join(base, 'qemu-pmem') : undefined;
}

/**
 * Loads the CommonJS file `file` as require() would, with a code cache in
 * `dir` when one is given. `req` is the require function the module gets:
 * the loader's own, which resolves the module's relative requires the same
 * way, since the file sits next to the loader.
 */
export function loadWithCodeCache<T>(file: string, req: NodeRequire, dir: string | undefined): Loaded<T> {
  const plain = (): Loaded<T> => ({ exports: req(file) as T, cache: 'off', save() {} });
  if (!dir) return plain();
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return plain();
  }
  const key = createHash('sha256').update(source).update(`\0${process.version}\0${process.arch}`).digest('hex').slice(0, 32);
  const stem = path.basename(file, '.js');
  const cacheFile = path.join(dir, `${stem}-${key}.v8cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  let script: vm.Script;
  try {
    script = new vm.Script(wrap(source), { filename: file, cachedData });
  } catch {
    return plain();
  }
  const used = cachedData !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeRequire, module: unknown, filename: string, dirname: string) => void;
  wrapper.call(module.exports, module.exports, req, module, file, path.dirname(file));
  module.loaded = true;
  let saved = used;
  return {
    exports: module.exports as T,
    cache: used ? 'used' : 'none',
    save() {
      if (saved) return;
      saved = true;
      try {
        const data = script.createCachedData();
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, data, { mode: 0o600 });
        fs.renameSync(tmp, cacheFile);
        for (const name of fs.readdirSync(dir)) {
          if (name.startsWith(`${stem}-`) && name.endsWith('.v8cache') && name !== path.basename(cacheFile)) fs.rmSync(path.join(dir, name), { force: true });
        }
      } catch {
        // Only time is lost.
      }
    },
  };
}
