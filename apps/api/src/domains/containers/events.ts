import { randomUUID } from 'node:crypto';
import { type Db, Prisma } from '@harbor/db';
import {
  type ContainerStateView,
  type EquipmentEvent,
  RecordEquipmentEventInput,
} from '@harbor/shared';
import type { z } from 'zod';
import { fieldDetailsOf, HarborError } from '../../core/errors.ts';
import { occupySlot, releaseSlots } from '../yard/stacking.ts';
import { type Move, planMove, Refusal } from './place-rules.ts';
import {
  describeState,
  STATE_INCLUDE,
  type StateRow,
  toEquipmentEvent,
  toStateView,
} from './state-view.ts';

export type { RecordEquipmentEventInput } from '@harbor/shared';

/** Who records the event: a user, or Harbor itself (null) on a dispatch job's behalf. */
export type EquipmentEventActor = {
  recordedById: string | null;
  dispatchJobId?: string | null;
  /**
   * When set, the event's terminal must be one of these (staff of a terminal operator record
   * events at the terminals their organization operates only).
   */
  terminalIds?: readonly string[] | null;
};

export type RecordEquipmentEventOptions = { now?: Date };

/** An ACT event may be at most this far ahead of the clock (clocks of gate systems drift). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Records one equipment event and moves the container's derived state (ContainerState,
 * YardSlot) in the caller's interactive transaction, so a dispatch job's status change and
 * the event commit together. The container row is locked FOR UPDATE: two events for one
 * container serialise. Refusals are HarborErrors (invalid, conflict, forbidden) whose
 * message names the container and where it is.
 */
export async function recordEquipmentEvent(
  tx: Prisma.TransactionClient,
  rawInput: RecordEquipmentEventInput,
  actor: EquipmentEventActor,
  options: RecordEquipmentEventOptions = {},
): Promise<{ event: EquipmentEvent; state: ContainerStateView }> {
  const parsed = RecordEquipmentEventInput.safeParse(rawInput);
  if (!parsed.success) {
    throw new HarborError('invalid', 'input.invalid', parsed.error.message, {
      ...fieldDetailsOf(parsed.error.issues),
    });
  }
  const input = parsed.data;
  const now = options.now ?? new Date();
  const eventAt = new Date(input.eventAt);
  const container = await lockContainer(tx, input);
  const state = await tx.containerState.findUnique({
    where: { containerId: container.id },
    include: STATE_INCLUDE,
  });
  const refusal = new Refusal(container.number, input.eventType, () => whereIs(tx, state));
  const isActual = input.eventClassifier === 'ACT';

  const emptyIndicator = input.emptyIndicator ?? state?.emptyIndicator ?? null;
  if (isActual) {
    if (eventAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw refusal.bad(`eventAt ${input.eventAt} is in the future (an ACT event has happened)`);
    }
    if (state && eventAt < state.lastEventAt) {
      throw await refusal.conflict(
        `its last event (${state.lastEventType} at ${state.lastEventAt.toISOString()}) is later than ${eventAt.toISOString()}`,
      );
    }
  }

  // PLN and EST events are plans: stored as given, the container stays where it is.
  const move = isActual ? await planMove(tx, input, state, emptyIndicator, refusal) : null;
  const eventEmptyIndicator = move?.emptyIndicator ?? emptyIndicator;
  if (!eventEmptyIndicator) throw refusal.bad('give emptyIndicator (EMPTY or LADEN)');
  if (
    move &&
    state &&
    input.emptyIndicator &&
    !['GTIN', 'DISC', 'STUF', 'STRP'].includes(input.eventType) &&
    input.emptyIndicator !== state.emptyIndicator
  ) {
    throw await refusal.conflict(`it is ${state.emptyIndicator}; only STUF and STRP change that`);
  }
  const eventTerminalId = move?.terminalId ?? input.terminalId ?? state?.terminalId ?? null;
  if (actor.terminalIds && !(eventTerminalId && actor.terminalIds.includes(eventTerminalId))) {
    throw new HarborError(
      'forbidden',
      'container.terminal-not-operated',
      `${refusal.prefix}: you may record events only at the terminals your organization operates`,
      { params: refusal.params },
    );
  }

  // The slot the event names: the one it leaves (PICK, LOAD, GTOT) or the one it takes.
  let eventSlot: { yardBlockId: string; bay: number; row: number; tier: number } | null = null;
  let nextSlot =
    move?.slot === 'keep' && state?.yardBlockId
      ? { yardBlockId: state.yardBlockId, bay: state.bay, row: state.row, tier: state.tier }
      : null;
  if (move?.slot === 'free') {
    eventSlot = await releaseSlots(
      tx,
      { containerId: container.id, number: container.number },
      refusal.prefix,
    );
    nextSlot = null;
  } else if (move?.slot === 'take' && input.slot) {
    const terminalId = move.terminalId;
    if (!terminalId) throw refusal.bad('only a terminal has yard slots');
    await occupySlot(
      tx,
      { ...container, containerId: container.id, terminalId },
      input.slot,
      refusal.prefix,
    );
    eventSlot = input.slot;
    nextSlot = input.slot;
  } else if (!isActual && input.slot) {
    eventSlot = input.slot;
  }

  const event = await createEvent(tx, refusal, {
    containerId: container.id,
    eventType: input.eventType,
    eventClassifier: input.eventClassifier,
    emptyIndicator: eventEmptyIndicator,
    eventAt,
    eventCreatedAt: now,
    terminalId: eventTerminalId,
    zoneId: input.zoneId ?? null,
    yardBlockId: eventSlot?.yardBlockId ?? null,
    bay: eventSlot?.bay ?? null,
    row: eventSlot?.row ?? null,
    tier: eventSlot?.tier ?? null,
    vesselVisitId: input.vesselVisitId ?? (move?.place === 'VESSEL' ? move.vesselVisitId : null),
    vehicleId: input.vehicleId ?? null,
    dispatchJobId: actor.dispatchJobId ?? null,
    recordedById: actor.recordedById,
    note: input.note ?? null,
  });
  const nextState = move
    ? await writeState(tx, container.id, event, move, nextSlot, input.vehicleId ?? null, state)
    : state;
  return { event: toEquipmentEvent(event), state: toStateView(container, nextState, now) };
}

/** Opens the interactive transaction itself, for callers that record nothing else with the event. */
export function recordEquipmentEventInTransaction(
  db: Pick<Db, 'prisma'>,
  input: RecordEquipmentEventInput,
  actor: EquipmentEventActor,
  options: RecordEquipmentEventOptions = {},
): Promise<{ event: EquipmentEvent; state: ContainerStateView }> {
  return db.prisma.$transaction((tx) => recordEquipmentEvent(tx, input, actor, options));
}

/** The event row; an id naming nothing (a vehicle, a terminal of a plan) is the caller's error. */
async function createEvent(
  tx: Prisma.TransactionClient,
  refusal: Refusal,
  data: Prisma.EquipmentEventUncheckedCreateInput,
) {
  try {
    return await tx.equipmentEvent.create({ data });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') {
      // The driver adapter reports the constraint (EquipmentEvent_vehicleId_fkey) in its meta.
      const field = /EquipmentEvent_(\w+?)_fkey/.exec(JSON.stringify(error.meta))?.[1] ?? 'an id';
      throw new HarborError(
        'invalid',
        'container.event-unknown-id',
        `${refusal.prefix}: ${field} names nothing Harbor knows`,
        { params: { ...refusal.params, field }, cause: error },
      );
    }
    throw error;
  }
}

type Input = z.output<typeof RecordEquipmentEventInput>;
type LockedContainer = { id: string; number: string; isoSizeType: string };

/** The container row, locked; created on first sight when the size-type is given. */
async function lockContainer(tx: Prisma.TransactionClient, input: Input): Promise<LockedContainer> {
  const select = () =>
    tx.$queryRaw<LockedContainer[]>(Prisma.sql`
      SELECT id, number, "isoSizeType" FROM "Container" WHERE number = ${input.containerNumber}
      FOR UPDATE`);
  let [container] = await select();
  if (!container) {
    if (!input.isoSizeType) {
      throw new HarborError(
        'invalid',
        'container.size-type-needed',
        `Harbor has never seen ${input.containerNumber}: give its isoSizeType (e.g. 22G1, 42G1, L5G1)`,
        { params: { number: input.containerNumber } },
      );
    }
    // ON CONFLICT: two first events for one new container both end up locking the same row.
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "Container" (id, number, "isoSizeType", "updatedAt")
      VALUES (${randomUUID()}, ${input.containerNumber}, ${input.isoSizeType}, now())
      ON CONFLICT (number) DO NOTHING`);
    [container] = await select();
    if (!container) throw new Error(`container ${input.containerNumber} vanished after insert`);
  }
  if (input.isoSizeType && input.isoSizeType !== container.isoSizeType) {
    throw new HarborError(
      'conflict',
      'container.size-type-mismatch',
      `${container.number} is a ${container.isoSizeType}, not a ${input.isoSizeType}`,
      {
        params: {
          number: container.number,
          isoSizeType: container.isoSizeType,
          given: input.isoSizeType,
        },
      },
    );
  }
  return container;
}

async function writeState(
  tx: Prisma.TransactionClient,
  containerId: string,
  event: {
    id: string;
    eventType: Prisma.ContainerStateCreateInput['lastEventType'];
    emptyIndicator: Prisma.ContainerStateCreateInput['emptyIndicator'];
    eventAt: Date;
  },
  move: Move,
  slot: { yardBlockId: string; bay: number | null; row: number | null; tier: number | null } | null,
  vehicleId: string | null,
  before: StateRow | null,
): Promise<StateRow> {
  const data = {
    place: move.place,
    emptyIndicator: event.emptyIndicator,
    terminalId: move.terminalId,
    zoneId: move.zoneId,
    vesselVisitId: move.vesselVisitId,
    yardBlockId: slot?.yardBlockId ?? null,
    bay: slot?.bay ?? null,
    row: slot?.row ?? null,
    tier: slot?.tier ?? null,
    // The truck that carried it out; inside a terminal or on a vessel it is on no truck.
    vehicleId: move.place === 'OUTSIDE' ? vehicleId : null,
    lastEventId: event.id,
    lastEventType: event.eventType,
    lastEventAt: event.eventAt,
    arrivedAt: move.arrivedAt === undefined ? (before?.arrivedAt ?? null) : move.arrivedAt,
  };
  return tx.containerState.upsert({
    where: { containerId },
    create: { containerId, ...data },
    update: data,
    include: STATE_INCLUDE,
  });
}

/** Where a container is, for a refusal; OUTSIDE names where it left from. */
async function whereIs(tx: Prisma.TransactionClient, state: StateRow | null): Promise<string> {
  if (state?.place !== 'OUTSIDE') return describeState(state);
  const last = await tx.equipmentEvent.findUnique({
    where: { id: state.lastEventId },
    select: { terminal: { select: { code: true } }, zone: { select: { code: true } } },
  });
  return describeState(state, last?.terminal?.code ?? last?.zone?.code ?? null);
}
