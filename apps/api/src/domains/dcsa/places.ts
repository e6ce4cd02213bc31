import type { Prisma } from '@harbor/db';
import type { DcsaLocation, DcsaTransportCall } from '@harbor/shared';
import {
  effectiveParticulars,
  type ParticularsRow,
  particularsSelect,
} from '../vessels/particulars.ts';

/**
 * Where DCSA events happen: locations, transport calls, vessels and local times, shared by
 * the equipment and the transport events.
 */

type PortRow = { unlocode: string; timezone: string };
type TerminalRow = { name: string; smdgCode: string | null };

export const portSelect = { unlocode: true, timezone: true } as const;
export const terminalSelect = { name: true, smdgCode: true } as const;

/** What a transport call is built from: a port call (VesselVisit) and its vessel. */
export const transportCallSelect = {
  id: true,
  voyageNumber: true,
  port: { select: portSelect },
  terminal: { select: terminalSelect },
  vessel: { select: particularsSelect },
} satisfies Prisma.VesselVisitSelect;
export type TransportCallRow = Prisma.VesselVisitGetPayload<{
  select: typeof transportCallSelect;
}>;

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * `at` as the local date and time of `timeZone` with its offset (2026-11-20T08:01:00.000+08:00):
 * DCSA's eventDateTime is "the local date and time, where the event took place" (EVENT_DOMAIN
 * 1.0.4 `eventDateTime`). The same instant as the UTC form, only written as the port reads it.
 */
export function localDateTime(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  // longOffset reads "GMT+08:00", or "GMT" alone at offset zero.
  const offset = part.timeZoneName === 'GMT' ? '+00:00' : String(part.timeZoneName).slice(3);
  const ms = String(at.getUTCMilliseconds()).padStart(3, '0');
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}.${ms}${offset}`;
}

/**
 * A terminal as a DCSA location: named, on its port's UN/LOCODE, and with its facility code
 * only where the SMDG terminal code list has one for it (Terminal.smdgCode). Harbor's own
 * terminal codes (YSP4) are no code list's, and DCSA allows only SMDG or BIC codes there.
 */
export function terminalLocation(terminal: TerminalRow, port: PortRow): DcsaLocation {
  return {
    locationName: terminal.name.slice(0, 100),
    UNLocationCode: port.unlocode,
    ...(terminal.smdgCode
      ? { facilityCode: terminal.smdgCode, facilityCodeListProvider: 'SMDG' as const }
      : {}),
  };
}

/** A depot, warehouse or gate outside a terminal: named, on its port's UN/LOCODE, no code. */
export function zoneLocation(zone: { name: string }, port: PortRow): DcsaLocation {
  return { locationName: zone.name.slice(0, 100), UNLocationCode: port.unlocode };
}

/**
 * The vessel of a transport call, or none: DCSA's `vessel` requires the IMO number, and
 * Harbor sends only the one the port curated (an AIS-reported IMO is an unverified claim any
 * transmitter can make). Name and call sign are the effective ones (curated, else AIS), cut
 * to DCSA's lengths (35 and 10).
 */
function dcsaVessel(vessel: ParticularsRow): DcsaTransportCall['vessel'] {
  if (vessel.imo === null) return undefined;
  const { name, callSign } = effectiveParticulars(vessel);
  return {
    vesselIMONumber: String(vessel.imo),
    ...(name ? { vesselName: name.slice(0, 35) } : {}),
    ...(vessel.flag ? { vesselFlag: vessel.flag } : {}),
    ...(callSign ? { vesselCallSignNumber: callSign.slice(0, 10) } : {}),
  };
}

/**
 * A port call as DCSA's transportCall, with the visit id as transportCallID. Harbor keeps one
 * voyage number per call: DCSA's carrierVoyageNumber (2.2 deprecates it, and defines it as the
 * export voyage when there are two) and exportVoyageNumber both carry it. A terminal without
 * an SMDG code is named in `otherFacility`, DCSA's field for a facility with no standard code.
 */
export function transportCall(visit: TransportCallRow): DcsaTransportCall {
  const { terminal, port } = visit;
  const vessel = dcsaVessel(visit.vessel);
  return {
    transportCallID: visit.id,
    ...(visit.voyageNumber
      ? { carrierVoyageNumber: visit.voyageNumber, exportVoyageNumber: visit.voyageNumber }
      : {}),
    UNLocationCode: port.unlocode,
    ...(terminal?.smdgCode
      ? { facilityCode: terminal.smdgCode, facilityCodeListProvider: 'SMDG' as const }
      : {}),
    facilityTypeCode: 'POTE',
    ...(terminal && !terminal.smdgCode ? { otherFacility: terminal.name.slice(0, 50) } : {}),
    modeOfTransport: 'VESSEL',
    ...(terminal ? { location: terminalLocation(terminal, port) } : {}),
    ...(vessel ? { vessel } : {}),
  };
}
