import { bearingDeg, distanceM, type LonLat } from '@harbor/shared';
import { interpolate } from './geodesy.ts';

/** A piece of an asset's timeline: moving in a straight line at constant speed, or staying put (from = to). */
export type Segment<M> = {
  startMs: number;
  endMs: number;
  from: LonLat;
  to: LonLat;
  speedMps: number;
  courseDeg: number;
  meta: M;
};

export type Motion<M> = {
  position: LonLat;
  speedMps: number;
  courseDeg: number;
  isMoving: boolean;
  meta: M;
};

/**
 * An asset's planned motion as a queue of segments, planned ahead by `planMore` whenever
 * the queried time runs past the end. Positions are a pure function of the plan and the
 * time; queries must not go back in time (finished segments are dropped).
 */
export class Track<M> {
  private readonly segments: Segment<M>[] = [];
  private cursor = 0;
  private endMs: number;
  private lastCourseDeg = 0;

  constructor(
    startMs: number,
    private readonly planMore: (track: Track<M>) => void,
  ) {
    this.endMs = startMs;
  }

  get plannedUntilMs(): number {
    return this.endMs;
  }

  /** The last planned position (where the next segment starts). */
  get end(): LonLat {
    const last = this.segments[this.segments.length - 1];
    if (!last) throw new RangeError('the track has no segment yet');
    return last.to;
  }

  /** Stays at `at` for `durationMs`, facing `courseDeg` (default: the last course). */
  stay(at: LonLat, durationMs: number, meta: M, courseDeg = this.lastCourseDeg): this {
    this.push(at, at, durationMs, 0, courseDeg, meta);
    return this;
  }

  /** Follows a polyline at `speedMps`; the first and last `rampM` metres at half speed (accelerating, braking). */
  move(path: readonly LonLat[], speedMps: number, meta: M, rampM = 0): this {
    const total = pathLengthM(path);
    const ramp = Math.min(rampM, total / 4);
    let travelled = 0;
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1] as LonLat;
      const b = path[i] as LonLat;
      const length = distanceM(a, b);
      if (length < 0.5) continue;
      const course = bearingDeg(a, b);
      // Cut the leg where the ramps begin and end so each piece has one speed.
      const cuts = [0, ramp - travelled, total - ramp - travelled, length]
        .filter((m) => m >= 0 && m <= length)
        .sort((x, y) => x - y);
      for (let c = 1; c < cuts.length; c++) {
        const m0 = cuts[c - 1] as number;
        const m1 = cuts[c] as number;
        if (m1 - m0 < 0.5) continue;
        const mid = travelled + (m0 + m1) / 2;
        const speed = mid < ramp || mid > total - ramp ? speedMps / 2 : speedMps;
        this.push(
          interpolate(a, b, m0 / length),
          interpolate(a, b, m1 / length),
          ((m1 - m0) / speed) * 1000,
          speed,
          course,
          meta,
        );
      }
      travelled += length;
    }
    return this;
  }

  /** Where the asset is at `timeMs` (never earlier than a previous query). */
  at(timeMs: number): Motion<M> {
    while (this.endMs <= timeMs) {
      const before = this.endMs;
      this.planMore(this);
      if (this.endMs <= before) throw new RangeError('planMore added nothing to the track');
    }
    while ((this.segments[this.cursor] as Segment<M>).endMs <= timeMs) this.cursor++;
    if (this.cursor > 64) {
      this.segments.splice(0, this.cursor);
      this.cursor = 0;
    }
    const segment = this.segments[this.cursor] as Segment<M>;
    const f = Math.max(0, (timeMs - segment.startMs) / (segment.endMs - segment.startMs));
    const isMoving = segment.speedMps > 0;
    return {
      position: isMoving ? interpolate(segment.from, segment.to, f) : segment.from,
      speedMps: segment.speedMps,
      courseDeg: segment.courseDeg,
      isMoving,
      meta: segment.meta,
    };
  }

  private push(
    from: LonLat,
    to: LonLat,
    durationMs: number,
    speedMps: number,
    courseDeg: number,
    meta: M,
  ) {
    const startMs = this.endMs;
    const endMs = startMs + Math.max(1, Math.round(durationMs));
    this.segments.push({ startMs, endMs, from, to, speedMps, courseDeg, meta });
    this.endMs = endMs;
    this.lastCourseDeg = courseDeg;
  }
}

export function pathLengthM(path: readonly LonLat[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++)
    total += distanceM(path[i - 1] as LonLat, path[i] as LonLat);
  return total;
}
