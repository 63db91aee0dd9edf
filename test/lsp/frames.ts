/**
 * Raw LSP framing for the tests that talk to the server byte by byte
 * (hygiene, early initialize): splits `buf` into the complete messages it
 * holds, hands each to `onMessage`, and returns the unread rest.
 */
export function readFrames<M>(buf: Buffer, onMessage: (m: M) => void): Buffer {
  for (;;) {
    const head = buf.indexOf('\r\n\r\n');
    if (head < 0) return buf;
    const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString('ascii'))?.[1]);
    if (buf.length < head + 4 + len) return buf;
    const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8')) as M;
    buf = buf.subarray(head + 4 + len);
    onMessage(msg);
  }
}
