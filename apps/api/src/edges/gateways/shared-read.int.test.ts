import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../../../test/until.ts';
import { readingIntoSharedBuffer } from './shared-read.ts';

/** A server whose connections read into the shared buffer; what each read, as it came. */
async function serving() {
  const reads: { connection: number; bytes: string; buffer: ArrayBufferLike }[] = [];
  const adopted: Socket[] = [];
  const server = createServer({ pauseOnConnect: true }, (accepted) => {
    const connection = adopted.length;
    const socket = readingIntoSharedBuffer(accepted, (chunk) => {
      reads.push({ connection, bytes: chunk.toString('latin1'), buffer: chunk.buffer });
      // Ask for the next read from within this one, as the gateway's pause does.
      if (chunk.includes('pause')) socket.pause();
    });
    adopted.push(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const client = async () => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return socket;
  };
  const bytesOf = (connection: number) =>
    reads
      .filter((read) => read.connection === connection)
      .map((read) => read.bytes)
      .join('');
  return { server, adopted, reads, client, bytesOf };
}

let servers: Server[] = [];
afterEach(async () => {
  for (const server of servers) server.close();
  servers = [];
});

describe('reading accepted connections into the shared buffer', () => {
  it('hands each connection its own bytes, every read a view of the one buffer', async () => {
    const { server, adopted, reads, client, bytesOf } = await serving();
    servers.push(server);
    const a = await client();
    const b = await client();
    a.write('from a, ');
    await until(() => bytesOf(0) === 'from a, ');
    b.write('from b');
    a.write('then a again');
    await until(() => bytesOf(0) === 'from a, then a again' && bytesOf(1) === 'from b');
    expect(new Set(reads.map((read) => read.buffer)).size).toBe(1);
    // The adopted socket is a whole socket: its peer, its writes.
    expect(adopted[0]?.remoteAddress).toBe('127.0.0.1');
    expect(adopted[0]?.remotePort).toBe(a.localPort);
    adopted[1]?.write('answer');
    const [answer] = await once(b, 'data');
    expect(String(answer)).toBe('answer');
    a.destroy();
    b.destroy();
  });

  it('reads nothing more while paused, and the rest in order once resumed', async () => {
    const { server, adopted, client, bytesOf } = await serving();
    servers.push(server);
    const a = await client();
    a.write('pause');
    await until(() => bytesOf(0) === 'pause');
    const socket = adopted[0] as Socket;
    expect(socket.isPaused()).toBe(true);
    // Sent while paused: the kernel holds it until the socket reads again.
    a.write(' and the rest');
    const b = await client();
    b.write('meanwhile');
    await until(() => bytesOf(1) === 'meanwhile');
    expect(bytesOf(0)).toBe('pause');
    socket.resume();
    await until(() => bytesOf(0) === 'pause and the rest');
    a.destroy();
    b.destroy();
  });

  it('sees the end of the stream, and the server closes only after its connections', async () => {
    const { server, adopted, client, bytesOf } = await serving();
    servers.push(server);
    const a = await client();
    a.end('last words');
    const socket = await until(() => adopted.length === 1).then(() => adopted[0] as Socket);
    await once(socket, 'end');
    expect(bytesOf(0)).toBe('last words');
    let isServerClosed = false;
    server.close(() => {
      isServerClosed = true;
    });
    expect(await getConnections(server)).toBe(1);
    socket.end();
    await once(socket, 'close');
    await until(() => isServerClosed);
    servers = [];
  });
});

function getConnections(server: Server): Promise<number> {
  return new Promise((resolve, reject) =>
    server.getConnections((error, count) => (error ? reject(error) : resolve(count))),
  );
}
