export { CaptureWriter, captureLines, newCaptureState } from './capture.ts';
export { aisSentences, locationMessages, registerBody, terminalFrame } from './encode-reports.ts';
export type { Vessel, VesselKind } from './fleet.ts';
export { imoCheckDigit, isValidImoNumber } from './fleet.ts';
export {
  type BookingIntent,
  type BookingSession,
  GateBooker,
  type GateBooking,
  planGateBookings,
} from './gate-bookings.ts';
export {
  createLineAgent,
  type LineAgent,
  SCHEDULE_WINDOW_MS,
  type ScheduledCall,
  scheduleCsv,
} from './line-agent.ts';
export { type LoadOptions, type LoadResult, loadSpanMs, runJt808Load } from './load.ts';
export { createRandom, type Random } from './random.ts';
export type { AisReport, SimReport, TruckFix, TruckReport } from './reports.ts';
export { liveStart, type RunOptions, type RunSummary, runSimulation } from './run.ts';
export {
  createScenario,
  type Scenario,
  type ScenarioOptions,
  type VehicleInput,
} from './scenario.ts';
export { ScheduleFeed, type ScheduleFeedCounters, type ScheduleImporter } from './schedule-feed.ts';
export {
  type SuperiorPlatformOptions,
  SuperiorPlatformStandIn,
  type SuperiorStats,
} from './superior-platform.ts';
export { AisTcpSink } from './transports/ais-tcp-sink.ts';
export { AisUdpSink } from './transports/ais-udp-sink.ts';
export { HarborApiError, HarborSession } from './transports/harbor-session.ts';
export { HttpSink } from './transports/http-sink.ts';
export { Jt808Client } from './transports/jt808-client.ts';
export { Jt808Sink } from './transports/jt808-sink.ts';
export type { ReportSink, SinkCounters } from './transports/sink.ts';
export type { TruckHaul, Vehicle } from './truck-sim.ts';
