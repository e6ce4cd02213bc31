import { type OnReadOpts, Socket } from 'node:net';

/**
 * Where every connection adopted here reads: one buffer for the process. Node hands each read
 * to its callback synchronously, so one buffer serves any number of connections, as long as
 * nothing keeps a view of it past the callback (the JT/T 808 stream decoder copies what it
 * keeps, and the messages it decodes own their bytes).
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/**
 * Node's `Socket` options for wrapping a handle: `handle` is node's own (not in its typings),
 * `onread` documented for the sockets `net.connect` makes.
 */
type AdoptingOptions = ConstructorParameters<typeof Socket>[0] & {
  handle: unknown;
  onread: OnReadOpts;
};

/** The field of an accepted socket this reaches into (node's own, not in its typings). */
type Accepted = Socket & { _handle: unknown };

/**
 * An accepted connection that reads into the process's shared buffer, each read handed to
 * `onChunk` as a view of it, valid only until `onChunk` returns; instead of the stream's `data`
 * events, each of which is a buffer of its own, a push through the stream's machinery and a
 * tick to read more. For a gateway whose terminals send a report a write, that is a sixth of
 * what a report costs it before it does anything with the report (docs/benchmarks.md,
 * "Sixteenth round"; `bench/gateway-floor.ts` measures both).
 *
 * Node offers this (`onread`) only for sockets it is asked to construct, not for the ones its
 * server accepts, so the accepted connection's handle is moved into a socket constructed with
 * it: node's own way of wrapping a handle it was given (as for one sent from another process).
 * The server must be created with `pauseOnConnect`, so that nothing was read before. The
 * accepted socket, left without its handle, is destroyed when the connection closes, which
 * keeps the server's count of connections true (its `close` waits for them). Should a node
 * version have no such handle, the accepted socket is used as it is, through `data` events.
 */
export function readingIntoSharedBuffer(
  accepted: Socket,
  onChunk: (chunk: Buffer) => void,
): Socket {
  const handle = (accepted as Accepted)._handle;
  if (!handle) {
    accepted.on('data', onChunk);
    accepted.resume();
    return accepted;
  }
  (accepted as Accepted)._handle = null;
  const options: AdoptingOptions = {
    handle,
    onread: {
      buffer: READ_BUFFER,
      // true: reading goes on (a connection pauses itself, as the gateway does, by `pause`).
      callback: (bytes, buffer) => {
        onChunk((buffer as Buffer).subarray(0, bytes));
        return true;
      },
    },
  };
  const socket = new Socket(options);
  socket.once('close', () => accepted.destroy());
  return socket;
}
