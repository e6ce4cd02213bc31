import type { GateMoves } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { barHeight, countScale, labelEvery, movesPerHour, niceStep } from './chart-scale.ts';
import {
  csvHref,
  fromLocalInput,
  gateMovesWindow,
  periodFromParams,
  periodProblem,
  presetPeriod,
  toLocalInput,
} from './period.ts';

const now = new Date(2026, 10, 25, 15, 42, 10);
const HOUR = 3_600_000;

describe('period presets', () => {
  it('today runs from local midnight to now', () => {
    const period = presetPeriod('today', now);
    expect(period.from).toEqual(new Date(2026, 10, 25));
    expect(period.to).toEqual(now);
  });
  it('24 h and 7 days end now', () => {
    expect(now.getTime() - presetPeriod('24h', now).from.getTime()).toBe(24 * HOUR);
    expect(now.getTime() - presetPeriod('7d', now).from.getTime()).toBe(7 * 24 * HOUR);
  });
  it('reads a preset, else a custom from/to, else the last 24 h from the URL', () => {
    expect(periodFromParams(new URLSearchParams('period=7d'), now).preset).toBe('7d');
    const custom = periodFromParams(
      new URLSearchParams('from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z'),
      now,
    );
    expect(custom).toEqual({
      preset: 'custom',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T00:00:00Z'),
    });
    const fallback = periodFromParams(new URLSearchParams('from=nonsense'), now);
    expect(fallback.preset).toBe('24h');
  });
  it('flags periods the api refuses', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    expect(periodProblem({ from, to: from })).toBe('order');
    expect(periodProblem({ from, to: new Date('2026-12-03T00:00:00Z') })).toBe('tooLong');
    expect(periodProblem({ from, to: new Date('2026-12-01T00:00:00Z') })).toBeNull();
  });
  it('charts at most the last 7 days of gate moves', () => {
    const to = new Date('2026-11-30T00:00:00Z');
    const window = gateMovesWindow({ from: new Date('2026-11-01T00:00:00Z'), to });
    expect(window.from).toEqual(new Date('2026-11-23T00:00:00Z'));
    const short = gateMovesWindow({ from: new Date('2026-11-29T00:00:00Z'), to });
    expect(short.from).toEqual(new Date('2026-11-29T00:00:00Z'));
  });
  it('round-trips datetime-local values in local time', () => {
    expect(toLocalInput(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03');
    expect(fromLocalInput('2026-01-05T07:03')).toEqual(new Date(2026, 0, 5, 7, 3));
    expect(fromLocalInput('')).toBeNull();
  });
});

describe('CSV link', () => {
  it('points at the same-origin download with the period in UTC', () => {
    const href = csvHref({
      from: new Date('2026-11-24T16:00:00Z'),
      to: new Date('2026-11-25T16:00:00Z'),
    });
    expect(href).toBe(
      '/reports/vehicles.csv?from=2026-11-24T16%3A00%3A00.000Z&to=2026-11-25T16%3A00%3A00.000Z',
    );
    const url = new URL(href, 'http://harbor.local');
    expect(url.searchParams.get('from')).toBe('2026-11-24T16:00:00.000Z');
    // A Chinese user's file has its header row in Chinese.
    const chinese = new URL(
      csvHref(
        { from: new Date('2026-11-24T16:00:00Z'), to: new Date('2026-11-25T16:00:00Z') },
        'zh-CN',
      ),
      'http://harbor.local',
    );
    expect(chinese.searchParams.get('lang')).toBe('zh-CN');
  });
});

describe('chart scales', () => {
  it('picks round steps', () => {
    expect(niceStep(10)).toBe(2);
    expect(niceStep(47)).toBe(10);
    expect(niceStep(230)).toBe(50);
    expect(niceStep(0)).toBe(1);
    expect(niceStep(3)).toBe(1);
  });
  it('tops the axis at a round value with its ticks', () => {
    expect(countScale(47)).toEqual({ top: 50, ticks: [0, 10, 20, 30, 40, 50] });
    expect(countScale(0)).toEqual({ top: 1, ticks: [0, 1] });
    expect(countScale(8)).toEqual({ top: 8, ticks: [0, 2, 4, 6, 8] });
  });
  it('scales bar heights to the axis', () => {
    expect(barHeight(25, 50, 200)).toBe(100);
    expect(barHeight(50, 50, 200)).toBe(200);
    expect(barHeight(0, 50, 200)).toBe(0);
    expect(barHeight(80, 50, 200)).toBe(200);
  });
  it('labels every n-th bar', () => {
    expect(labelEvery(24)).toBe(2);
    expect(labelEvery(168)).toBe(14);
    expect(labelEvery(5)).toBe(1);
  });
  it('adds up terminals per hour in time order', () => {
    const moves: GateMoves = [
      {
        terminalId: 'a',
        terminalCode: 'YSP4',
        gateIn: 3,
        gateOut: 1,
        hours: [
          { hour: '2026-11-25T01:00:00.000Z', gateIn: 1, gateOut: 1 },
          { hour: '2026-11-25T00:00:00.000Z', gateIn: 2, gateOut: 0 },
        ],
      },
      {
        terminalId: 'b',
        terminalCode: 'YSP2',
        gateIn: 4,
        gateOut: 0,
        hours: [{ hour: '2026-11-25T00:00:00Z', gateIn: 4, gateOut: 0 }],
      },
    ];
    expect(movesPerHour(moves)).toEqual([
      { hour: '2026-11-25T00:00:00.000Z', gateIn: 6, gateOut: 0 },
      { hour: '2026-11-25T01:00:00.000Z', gateIn: 1, gateOut: 1 },
    ]);
    expect(movesPerHour(moves, 'YSP2')).toEqual([
      { hour: '2026-11-25T00:00:00.000Z', gateIn: 4, gateOut: 0 },
    ]);
  });
});
