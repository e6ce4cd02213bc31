import {
  BookAppointmentInput,
  ByIdInput,
  CompanyPunctualitySchema,
  GateCapacityInput,
  GateCapacitySchema,
  GateLoadHourSchema,
  GateLoadInput,
  GateQueueInput,
  GateQueueSchema,
  ListAppointmentsInput,
  PunctualityInput,
  SetGateCapacityInput,
  TruckAppointmentSchema,
} from '@harbor/shared';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  bookAppointment,
  cancelAppointment,
  gateCapacity,
  gateLoad,
  gateQueue,
  listAppointments,
  punctualityByCompany,
  setGateCapacity,
} from '../../domains/gates/service.ts';
import { authedProcedure, roleProcedure } from '../trpc/init.ts';

/**
 * Truck appointments at the terminals' gates: terminals publish how many trucks an hour they
 * take per kind of move, companies book their trucks an hour, and how each truck kept it is
 * read from its gate-zone entries.
 */
export const gatesRouter = {
  capacity: authedProcedure
    .input(GateCapacityInput)
    .output(z.array(GateCapacitySchema))
    .query(({ ctx, input }) => gateCapacity(ctx, input)),

  setCapacity: roleProcedure('ADMIN', 'PORT_OPERATOR')
    .input(SetGateCapacityInput)
    .output(GateCapacitySchema)
    .mutation(({ ctx, input }) => setGateCapacity(ctx, ctx.user, input)),

  book: roleProcedure('ADMIN', 'DISPATCHER')
    .input(BookAppointmentInput)
    .output(TruckAppointmentSchema)
    .mutation(({ ctx, input }) => bookAppointment(ctx, ctx.user, input)),

  cancel: roleProcedure('ADMIN', 'DISPATCHER')
    .input(ByIdInput)
    .output(TruckAppointmentSchema)
    .mutation(({ ctx, input }) => cancelAppointment(ctx, ctx.user, input.id)),

  appointments: authedProcedure
    .input(ListAppointmentsInput)
    .output(z.array(TruckAppointmentSchema))
    .query(({ ctx, input }) => listAppointments(ctx, ctx.user, input)),

  /** The trucks waiting on the road up to a terminal's gate now. */
  queue: authedProcedure
    .input(GateQueueInput)
    .output(GateQueueSchema)
    .query(({ ctx, input }) => gateQueue(ctx, ctx.user, input)),

  /** How each company's trucks kept their slots (the companies the user sees). */
  punctuality: authedProcedure
    .input(PunctualityInput)
    .output(z.array(CompanyPunctualitySchema))
    .query(({ ctx, input }) => punctualityByCompany(ctx, ctx.user, input)),

  load: authedProcedure
    .input(GateLoadInput)
    .output(z.array(GateLoadHourSchema))
    .query(({ ctx, input }) => gateLoad(ctx, input)),
} satisfies TRPCRouterRecord;
