import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { selectProbeArgs } from '../../../server/src/probe/argv';
import { prepareScratch } from '../../../server/src/probe/scratch';

test('prepareScratch mirrors existence, size, kind and mode of user paths without touching them', async () => {
  const user = fs.mkdtempSync(path.join(os.tmpdir(), 'qpmem-u-'));
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'qpmem-p-'));
  try {
    fs.writeFileSync(path.join(user, 'small.img'), 'abc', { mode: 0o640 });
    fs.mkdirSync(path.join(user, 'dir'));
    const args = [
      '-object', 'memory-backend-file,id=a,mem-path=small.img,size=256M', // relative to cwd
      '-object', `memory-backend-file,id=b,mem-path=${user}/dir,size=1G`,
      '-object', `memory-backend-file,id=c,mem-path=${user}/new.img,size=1G`,
      '-object', `memory-backend-file,id=d,mem-path=${user}/nodir/x.img,size=1G`,
      '-object', `memory-backend-file,id=e,mem-path=${user}/small.img,size=1G`, // same file as a
      '-object', 'memory-backend-ram,id=f,size=1G',
    ];
    const plan = await prepareScratch(selectProbeArgs(args).options, probe, user);
    const by = Object.fromEntries(plan.backings.map((b) => [b.backend.id, b]));
    assert.deepEqual(Object.keys(by), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual([by.a.kind, by.b.kind, by.c.kind, by.d.kind, by.e.kind], ['file', 'directory', 'missing', 'missing-parent', 'file']);
    for (const b of plan.backings) assert.ok(b.scratchPath.startsWith(probe + '/'), b.scratchPath);
    // A file: same size (sparse) and permission bits.
    const st = fs.statSync(by.a.scratchPath);
    assert.equal(st.size, 3);
    assert.equal(st.mode & 0o777, 0o640);
    assert.equal(by.a.userSize, 3);
    // Aliasing is reproduced: both backends on one user file share one scratch file.
    assert.equal(by.e.scratchPath, by.a.scratchPath);
    assert.equal(fs.statSync(by.b.scratchPath).isDirectory(), true);
    assert.deepEqual(fs.readdirSync(by.b.scratchPath), []);
    assert.equal(fs.existsSync(by.c.scratchPath), false);
    assert.equal(fs.existsSync(path.dirname(by.c.scratchPath)), true);
    assert.equal(fs.existsSync(path.dirname(by.d.scratchPath)), false);
    // The rewritten options point at scratch; the ram backend is unchanged.
    assert.equal(plan.options[0].value, `memory-backend-file,id=a,mem-path=${by.a.scratchPath},size=256M`);
    assert.equal(plan.options[5].value, 'memory-backend-ram,id=f,size=1G');
    assert.deepEqual(plan.substitutions[0], [by.a.scratchPath, 'small.img']);
    // The user's side is unchanged.
    assert.deepEqual(fs.readdirSync(user).sort(), ['dir', 'small.img']);
    assert.equal(fs.readFileSync(path.join(user, 'small.img'), 'utf8'), 'abc');
  } finally {
    fs.rmSync(user, { recursive: true, force: true });
    fs.rmSync(probe, { recursive: true, force: true });
  }
});
