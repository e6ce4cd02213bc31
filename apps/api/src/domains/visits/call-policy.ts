/**
 * Which ships make port calls. A port authority counts the calls of merchant ships; tugs,
 * pilot boats, tenders, law enforcement, search and rescue, fishing and pleasure craft are
 * tracked on the map but never become calls. AIS ship and cargo types (ITU-R M.1371-5
 * table 53): 20-29 wing in ground, 30-39 fishing, towing, dredging, diving, military,
 * sailing, pleasure; 40-49 high-speed craft; 50-59 pilot, SAR, tug, port tender,
 * anti-pollution, law enforcement, medical, non-combatant; 60-69 passenger; 70-79 cargo;
 * 80-89 tanker; 90-99 other.
 */
export type CallPolicy = {
  /** Ship types whose ships make calls, as inclusive ranges. */
  shipTypes: readonly (readonly [number, number])[];
  /** A ship of a calling type shorter than this makes no call (0: any length). */
  minLengthM: number;
  /**
   * A ship of unknown type (none reported yet, or 0 "not available") makes calls when at least
   * this long; null: never. Ships of a known type outside `shipTypes` never do.
   */
  unknownTypeMinLengthM: number | null;
};

/** Passenger ships, high-speed craft, cargo ships, tankers and "other" types; unknown types from 80 m. */
export const DEFAULT_CALL_POLICY: CallPolicy = {
  shipTypes: [
    [40, 49],
    [60, 99],
  ],
  minLengthM: 0,
  unknownTypeMinLengthM: 80,
};

export type CallDecision = 'call' | 'no-call' | 'unknown';

/**
 * Whether a ship makes port calls, from its effective particulars (curated, else AIS: a
 * spoofed type 5 cannot turn a curated tug into a call). 'unknown' while neither its type nor
 * its length is known: the tracker waits for its static data before opening a call.
 */
export function callDecision(
  particulars: { shipType: number | null; lengthM: number | null },
  policy: CallPolicy = DEFAULT_CALL_POLICY,
): CallDecision {
  const { shipType, lengthM } = particulars;
  if (shipType !== null && shipType !== 0) {
    const listed = policy.shipTypes.some(([from, to]) => shipType >= from && shipType <= to);
    if (!listed) return 'no-call';
    if (policy.minLengthM === 0) return 'call';
    if (lengthM === null) return 'unknown';
    return lengthM >= policy.minLengthM ? 'call' : 'no-call';
  }
  if (policy.unknownTypeMinLengthM === null) return 'no-call';
  if (lengthM === null) return 'unknown';
  return lengthM >= policy.unknownTypeMinLengthM ? 'call' : 'no-call';
}

/**
 * Ranges of ship types as written in configuration: `60-89`, `40-49,60-99`, `70,80-89`. Throws
 * a RangeError naming the bad part.
 */
export function parseShipTypeRanges(text: string): [number, number][] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
      const from = Number(match?.[1]);
      const to = Number(match?.[2] ?? match?.[1]);
      if (!match || from > to || to > 99)
        throw new RangeError(`"${part}" is not a ship type or range of types (0-99, e.g. 60-89)`);
      return [from, to];
    });
}
