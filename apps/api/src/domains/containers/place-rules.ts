import type { Prisma } from '@harbor/db';
import type { RecordEquipmentEventInput } from '@harbor/shared';
import type { z } from 'zod';
import { HarborError } from '../../core/errors.ts';
import type { StateRow } from './state-view.ts';

type Tx = Prisma.TransactionClient;
type Input = z.output<typeof RecordEquipmentEventInput>;
type Place = 'TERMINAL' | 'VESSEL' | 'FACILITY' | 'OUTSIDE';

/** Where the container goes, and what happens to its yard slot on the way. */
export type Move = {
  place: Place;
  terminalId: string | null;
  zoneId: string | null;
  vesselVisitId: string | null;
  /** Keep the slot it holds, free it, or take the input's slot. */
  slot: 'keep' | 'free' | 'take';
  /** Arrival time to keep (dwell counts from it); `undefined` keeps the current one. */
  arrivedAt: Date | null | undefined;
  /** Null only when neither the input nor the container says (a first event without it). */
  emptyIndicator: 'EMPTY' | 'LADEN' | null;
};

/** A site where GTIN, GTOT, STUF and STRP happen: a terminal, or a facility zone outside one. */
type Site = { kind: 'TERMINAL' | 'FACILITY'; terminalId: string | null; zoneId: string | null };

export class Refusal {
  constructor(
    readonly number: string,
    readonly eventType: string,
    readonly where: () => Promise<string>,
  ) {}
  get prefix(): string {
    return `cannot ${this.eventType} ${this.number}`;
  }
  /** The container and the event, for the text of a refusal. */
  get params() {
    return { number: this.number, eventType: this.eventType };
  }
  bad(why: string): HarborError {
    return new HarborError('invalid', 'container.event-refused', `${this.prefix}: ${why}`, {
      params: { ...this.params, why },
    });
  }
  /** A conflict naming where the container is now. */
  async conflict(why?: string): Promise<HarborError> {
    const where = await this.where();
    return new HarborError(
      'conflict',
      'container.event-out-of-place',
      `${this.prefix}: ${why ? `${why}; ` : ''}it is ${where}`,
      { params: { ...this.params, where } },
    );
  }
}

async function resolveSite(tx: Tx, input: Input, refusal: Refusal): Promise<Site> {
  if (input.terminalId) {
    const terminal = await tx.terminal.findUnique({ where: { id: input.terminalId } });
    if (!terminal) throw refusal.bad(`no terminal ${input.terminalId}`);
    if (input.zoneId) {
      // At a terminal, the zone names the gate it passed: it must be that terminal's.
      const gate = await tx.zone.findUnique({ where: { id: input.zoneId } });
      if (!gate || gate.terminalId !== terminal.id) {
        throw refusal.bad(`zone ${input.zoneId} is not in terminal ${terminal.code}`);
      }
    }
    return { kind: 'TERMINAL', terminalId: terminal.id, zoneId: null };
  }
  if (input.zoneId) {
    const zone = await tx.zone.findUnique({ where: { id: input.zoneId } });
    if (!zone) throw refusal.bad(`no zone ${input.zoneId}`);
    if (zone.terminalId || (zone.kind !== 'DEPOT' && zone.kind !== 'WAREHOUSE')) {
      throw refusal.bad(
        `zone ${zone.code} is a ${zone.kind}${zone.terminalId ? ' inside a terminal' : ''}; a facility outside the terminals is a DEPOT or WAREHOUSE (give terminalId for a terminal)`,
      );
    }
    return { kind: 'FACILITY', terminalId: null, zoneId: zone.id };
  }
  throw refusal.bad('give terminalId (a terminal) or zoneId (a depot or warehouse)');
}

async function resolveVisit(tx: Tx, input: Input, refusal: Refusal) {
  if (!input.vesselVisitId) throw refusal.bad('give vesselVisitId');
  const visit = await tx.vesselVisit.findUnique({
    where: { id: input.vesselVisitId },
    include: { terminal: { select: { code: true } } },
  });
  if (!visit) throw refusal.bad(`no vessel visit ${input.vesselVisitId}`);
  if (!visit.terminalId) throw refusal.bad('the vessel visit has no terminal yet');
  if (input.terminalId && input.terminalId !== visit.terminalId) {
    throw refusal.bad(`the vessel visit is at terminal ${visit.terminal?.code}`);
  }
  return { id: visit.id, terminalId: visit.terminalId };
}

const isAt = (state: StateRow | null, site: Site) =>
  state?.place === site.kind &&
  (site.kind === 'TERMINAL' ? state.terminalId === site.terminalId : state.zoneId === site.zoneId);

/**
 * The rules of an ACT event: where the container must be for it to happen, and where it is
 * afterwards. Refusals name the container and its current place.
 */
export async function planMove(
  tx: Tx,
  input: Input,
  state: StateRow | null,
  emptyIndicator: 'EMPTY' | 'LADEN' | null,
  refusal: Refusal,
): Promise<Move> {
  const place: Place = state?.place ?? 'OUTSIDE';
  const eventAt = new Date(input.eventAt);
  const stay: Move = {
    place,
    terminalId: state?.terminalId ?? null,
    zoneId: state?.zoneId ?? null,
    vesselVisitId: state?.vesselVisitId ?? null,
    slot: 'keep',
    arrivedAt: undefined,
    emptyIndicator,
  };
  const slotAllowed = ['GTIN', 'DISC', 'DROP'].includes(input.eventType);
  if (input.slot && !slotAllowed) throw refusal.bad('only GTIN, DISC and DROP take a yard slot');

  switch (input.eventType) {
    case 'GTIN': {
      const site = await resolveSite(tx, input, refusal);
      if (place !== 'OUTSIDE') throw await refusal.conflict();
      if (input.slot && site.kind !== 'TERMINAL') throw refusal.bad('a facility has no yard slots');
      return {
        ...site,
        place: site.kind,
        vesselVisitId: null,
        slot: input.slot ? 'take' : 'keep',
        arrivedAt: eventAt,
        emptyIndicator,
      };
    }
    case 'GTOT': {
      const site = await resolveSite(tx, input, refusal);
      if (!isAt(state, site)) throw await refusal.conflict();
      return {
        place: 'OUTSIDE',
        terminalId: null,
        zoneId: null,
        vesselVisitId: null,
        slot: 'free',
        arrivedAt: null,
        emptyIndicator,
      };
    }
    case 'DISC': {
      const visit = await resolveVisit(tx, input, refusal);
      const onThisVessel = place === 'VESSEL' && state?.vesselVisitId === visit.id;
      if (place !== 'OUTSIDE' && !onThisVessel) throw await refusal.conflict();
      return {
        place: 'TERMINAL',
        terminalId: visit.terminalId,
        zoneId: null,
        vesselVisitId: null,
        slot: input.slot ? 'take' : 'keep',
        arrivedAt: eventAt,
        emptyIndicator,
      };
    }
    case 'LOAD': {
      const visit = await resolveVisit(tx, input, refusal);
      if (place !== 'TERMINAL' || state?.terminalId !== visit.terminalId) {
        throw await refusal.conflict('it must be in the terminal of the vessel visit');
      }
      return {
        place: 'VESSEL',
        terminalId: null,
        zoneId: null,
        vesselVisitId: visit.id,
        slot: 'free',
        arrivedAt: null,
        emptyIndicator,
      };
    }
    case 'PICK': {
      if (place !== 'TERMINAL' || !state?.yardBlockId) {
        throw await refusal.conflict('it must be in a yard slot');
      }
      assertSameTerminal(input, state, refusal);
      return { ...stay, slot: 'free' };
    }
    case 'DROP': {
      if (!input.slot) throw refusal.bad('DROP needs a slot');
      if (place !== 'TERMINAL' || state?.yardBlockId) {
        throw await refusal.conflict('it must be in a terminal and not in a yard slot');
      }
      assertSameTerminal(input, state, refusal);
      return { ...stay, slot: 'take' };
    }
    case 'STUF':
    case 'STRP': {
      if (place !== 'TERMINAL' && place !== 'FACILITY') throw await refusal.conflict();
      if (input.terminalId || input.zoneId) {
        const site = await resolveSite(tx, input, refusal);
        if (!isAt(state, site)) throw await refusal.conflict('it is not where the event says');
      }
      const before = input.eventType === 'STUF' ? 'EMPTY' : 'LADEN';
      const after = input.eventType === 'STUF' ? 'LADEN' : 'EMPTY';
      if (state?.emptyIndicator !== before) {
        throw await refusal.conflict(`it must be ${before}, it is ${state?.emptyIndicator}`);
      }
      return { ...stay, emptyIndicator: after };
    }
    default:
      // INSP, RSEA, RMVD: recorded where the container is; it does not move.
      return stay;
  }
}

function assertSameTerminal(input: Input, state: StateRow | null, refusal: Refusal): void {
  if (input.terminalId && input.terminalId !== state?.terminalId) {
    throw refusal.bad(`it is in terminal ${state?.terminal?.code ?? '?'}, not ${input.terminalId}`);
  }
}
