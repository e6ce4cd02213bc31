import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8's `gc`, without starting node with --expose-gc: the flag set now applies to contexts
// made from now on, and a new context is made to fetch it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Whether the object behind `ref` has been collected, after a full collection. Asked in a
 * later turn of the event loop: a WeakRef keeps its object alive until the end of the turn
 * that made it (or last read it). For checks that something no longer holds an object.
 */
export async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return ref.deref() === undefined;
}
