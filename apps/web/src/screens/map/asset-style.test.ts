import { describe, expect, it } from 'vitest';
import { shipClassOf, shipOutline, truckStatusOf, vesselRotationDeg } from './asset-style.ts';

describe('shipClassOf', () => {
  it.each([
    [70, 'cargo'],
    [79, 'cargo'],
    [80, 'tanker'],
    [89, 'tanker'],
    [60, 'passenger'],
    [69, 'passenger'],
    [52, 'tugPilot'],
    [50, 'tugPilot'],
    [30, 'fishing'],
    [51, 'other'],
    [90, 'other'],
    [0, 'other'],
    [null, 'other'],
  ] as const)('type %s is %s', (type, expected) => {
    expect(shipClassOf(type)).toBe(expected);
  });
});

describe('vesselRotationDeg', () => {
  it('uses the heading, else the course, else nothing', () => {
    expect(vesselRotationDeg({ headingDeg: 90, courseDeg: 45 })).toBe(90);
    expect(vesselRotationDeg({ headingDeg: null, courseDeg: 45 })).toBe(45);
    expect(vesselRotationDeg({ headingDeg: 0, courseDeg: 45 })).toBe(0);
    expect(vesselRotationDeg({ headingDeg: null, courseDeg: null })).toBeNull();
  });
});

describe('shipOutline', () => {
  const bow = (rotation: number) => shipOutline(100, 100, rotation, 10)[0] as [number, number];

  it('points the bow north (up the screen) at 0°', () => {
    const [x, y] = bow(0);
    expect(x).toBeCloseTo(100);
    expect(y).toBeCloseTo(90);
  });

  it('turns clockwise: east at 90°, south at 180°, west at 270°', () => {
    expect(bow(90)[0]).toBeCloseTo(110);
    expect(bow(90)[1]).toBeCloseTo(100);
    expect(bow(180)[1]).toBeCloseTo(110);
    expect(bow(270)[0]).toBeCloseTo(90);
  });

  it('keeps the hull the same size whatever the rotation', () => {
    const width = (points: [number, number][]) => {
      const [a, b] = [points[2] as [number, number], points[3] as [number, number]];
      return Math.hypot(a[0] - b[0], a[1] - b[1]);
    };
    expect(shipOutline(0, 0, 0, 10)).toHaveLength(5);
    expect(width(shipOutline(0, 0, 37, 10))).toBeCloseTo(width(shipOutline(0, 0, 0, 10)));
  });
});

describe('truckStatusOf', () => {
  it('keeps a known status and calls anything else unknown', () => {
    expect(truckStatusOf('ON_JOB')).toBe('ON_JOB');
    expect(truckStatusOf('PARKED')).toBe('UNKNOWN');
    expect(truckStatusOf(undefined)).toBe('UNKNOWN');
  });
});
