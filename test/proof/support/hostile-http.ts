// Requests no client library would send, written byte by byte on a raw socket to a listener on
// 127.0.0.1: a body cut off mid-way, a body or header block that never finishes, a body far over any
// limit, broken HTTP. Each resolves with the status the listener answered (if any) once the
// connection is over, so a test can go on to check the listener still answers.
import { connect, type Socket } from 'node:net';

export interface RawOutcome {
  /** The status line's code, when the listener answered before the connection ended. */
  status?: number;
}

export interface Target {
  port: number;
  path: string;
}

function open(t: Target): Promise<{ socket: Socket; done: Promise<RawOutcome> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(t.port, '127.0.0.1', () => {
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
      const done = new Promise<RawOutcome>((end) => {
        const finish = () => {
          const code = /^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1];
          end(code ? { status: Number(code) } : {});
        };
        socket.on('close', finish);
        socket.on('error', () => socket.destroy());
      });
      resolve({ socket, done });
    });
    socket.once('error', reject);
  });
}

const head = (t: Target, headers: Record<string, string | number>) =>
  `POST ${t.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('')}\r\n`;

/** Headers promise 100 bytes; three arrive; the client hangs up. */
export async function abortedBody(t: Target): Promise<RawOutcome> {
  const { socket, done } = await open(t);
  socket.write(`${head(t, { 'content-type': 'application/json', 'content-length': 100 })}abc`);
  await new Promise((r) => setTimeout(r, 50));
  socket.destroy();
  return done;
}

/** Headers promise 100 bytes; three arrive and then nothing, until the listener gives up. */
export async function slowBody(t: Target): Promise<RawOutcome> {
  const { socket, done } = await open(t);
  socket.write(`${head(t, { 'content-type': 'application/json', 'content-length': 100 })}abc`);
  return done;
}

/** The header block never ends. */
export async function slowHeaders(t: Target): Promise<RawOutcome> {
  const { socket, done } = await open(t);
  socket.write(`POST ${t.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
  return done;
}

/** A body of `bytes`, announced honestly, sent until the listener answers or hangs up. */
export async function oversizedBody(t: Target, bytes: number): Promise<RawOutcome> {
  const { socket, done } = await open(t);
  let over = false;
  void done.then(() => (over = true));
  socket.write(head(t, { 'content-type': 'application/json', 'content-length': bytes }));
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  for (let sent = 0; sent < bytes && !over && !socket.destroyed; sent += chunk.length) {
    if (!socket.write(chunk)) await new Promise((r) => (socket.once('drain', r), setTimeout(r, 200)));
  }
  socket.end();
  return done;
}

/** Not HTTP at all. */
export async function brokenHttp(t: Target): Promise<RawOutcome> {
  const { socket, done } = await open(t);
  socket.write(`POST ${t.path} HTTP/1.1\r\nContent-Length: nope\r\n\0\r\n\r\n`);
  return done;
}

/** A complete request with `body` and `type`, on its own connection. */
export async function complete(t: Target, type: string, body: string): Promise<RawOutcome> {
  const { socket, done } = await open(t);
  socket.end(`${head(t, { 'content-type': type, 'content-length': Buffer.byteLength(body), connection: 'close' })}${body}`);
  return done;
}
