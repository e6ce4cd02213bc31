import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Parts } from './parts.ts';

const silent = pino({ level: 'silent' });

describe('Parts', () => {
  it('stops the parts newest first', async () => {
    const stopped: string[] = [];
    const parts = new Parts(silent);
    for (const name of ['database', 'pipeline', 'http'])
      await parts.start(name, () => ({ stop: () => void stopped.push(name) }));
    expect(parts.names).toEqual(['database', 'pipeline', 'http']);
    await parts.stopAll();
    expect(stopped).toEqual(['http', 'pipeline', 'database']);
    expect(parts.names).toEqual([]);
  });

  it('stops what already runs when a later part fails to start, and throws its error', async () => {
    const stopped: string[] = [];
    const parts = new Parts(silent);
    await parts.start('database', () => ({ stop: () => void stopped.push('database') }));
    await parts.start('gateways', async () => ({
      stop: async () => void stopped.push('gateways'),
    }));
    const failure = new Error('port in use');
    await expect(
      parts.start('http', () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(stopped).toEqual(['gateways', 'database']);
  });

  it('stops every part when one fails to stop, and reports the failure', async () => {
    const stopped: string[] = [];
    const parts = new Parts(silent);
    await parts.start('database', () => ({ stop: () => void stopped.push('database') }));
    await parts.start('gateways', () => ({
      stop: () => {
        throw new Error('socket stuck');
      },
    }));
    await parts.start('http', () => ({ stop: () => void stopped.push('http') }));
    await expect(parts.stopAll()).rejects.toBeInstanceOf(AggregateError);
    expect(stopped).toEqual(['http', 'database']);
  });
});
