import { EventEmitter } from 'node:events';
import type { DispatchJobChange } from '@harbor/shared';

/**
 * The process's fan-out of dispatch job status changes, made by people or by the geofence
 * engine, to the `dispatch.live` subscriptions. Publishing never waits for a subscriber.
 */
export class DispatchHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(change: DispatchJobChange): void {
    this.emitter.emit('change', change);
  }

  onChange(listener: (change: DispatchJobChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  get subscribers(): number {
    return this.emitter.listenerCount('change');
  }
}
