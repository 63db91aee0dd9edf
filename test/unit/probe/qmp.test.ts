import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { QmpClient, QmpConnectionError, QmpError } from '../../../server/src/probe/qmp';

/** A scripted QMP server: answers each command by `reply`, sends an event before every answer. */
async function fakeQmp(reply: (cmd: { execute: string; id?: string }) => object | null) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qpmem-qmp-'));
  const sock = path.join(dir, 'qmp.sock');
  const received: unknown[] = [];
  const server = net.createServer((c) => {
    c.write('{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}}, "capabilities": ["oob"]}}\r\n');
    let buf = '';
    c.on('data', (d) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const cmd = JSON.parse(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        received.push(cmd);
        const r = reply(cmd);
        if (r === null) continue; // never answer
        c.write('{"timestamp": {"seconds": 1, "microseconds": 2}, "event": "RESUME"}\r\n');
        c.write(JSON.stringify({ ...r, id: cmd.id }) + '\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(sock, r));
  return {
    sock,
    received,
    close: async () => {
      await new Promise<void>((r) => server.close(() => r()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('handshake, commands with ids, events ignored, errors as QmpError', async () => {
  const srv = await fakeQmp((cmd) =>
    cmd.execute === 'query-memdev' ? { error: { class: 'GenericError', desc: 'nope' } } : { return: cmd.execute === 'qmp_capabilities' ? {} : [{ type: 'nvdimm' }] },
  );
  const client = await QmpClient.connect(srv.sock);
  try {
    const greeting = (await client.handshake()) as { version: { qemu: { major: number } } };
    assert.equal(greeting.version.qemu.major, 7);
    assert.deepEqual(await client.execute('query-memory-devices'), [{ type: 'nvdimm' }]);
    await assert.rejects(client.execute('query-memdev'), (e: unknown) => e instanceof QmpError && e.errorClass === 'GenericError' && e.desc === 'nope');
    assert.deepEqual(srv.received, [
      { execute: 'qmp_capabilities', id: 'qpmem-1' },
      { execute: 'query-memory-devices', id: 'qpmem-2' },
      { execute: 'query-memdev', id: 'qpmem-3' },
    ]);
    assert.deepEqual(client.events.map((e) => e.event), ['RESUME', 'RESUME', 'RESUME']);
  } finally {
    client.close();
    await srv.close();
  }
});

test('a command that gets no answer times out; close fails pending and later commands', async () => {
  const srv = await fakeQmp((cmd) => (cmd.execute === 'qmp_capabilities' ? { return: {} } : null));
  const client = await QmpClient.connect(srv.sock);
  try {
    await client.handshake();
    await assert.rejects(client.execute('stuck', undefined, 50), /QMP command stuck timed out after 50 ms/);
    const pending = client.execute('stuck-too', undefined, 10_000);
    client.close();
    await assert.rejects(pending, QmpConnectionError);
    await assert.rejects(client.execute('after'), /QMP client closed/);
    assert.equal(client.isClosed, true);
  } finally {
    await srv.close();
  }
});

test('connecting to a missing socket fails with QmpConnectionError', async () => {
  await assert.rejects(QmpClient.connect('/nonexistent/qmp.sock', 1000), QmpConnectionError);
});
