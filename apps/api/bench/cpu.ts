import { readdirSync, readFileSync } from 'node:fs';

// Where the CPU goes in a benchmark, read from /proc (Linux): steadier than a rate on a
// machine whose two cores the load generator, Harbor and PostgreSQL share.

/**
 * A process's CPU seconds from /proc/<pid>/stat (Linux): in user space, in the kernel, and
 * those of its children it has reaped (zero for a process that ended while we looked).
 */
function cpuTimesOf(
  pid: number,
  /** One thread of the process (its main thread has the process's id). */
  tid?: number,
): { user: number; system: number; reapedChildren: number } {
  try {
    const path = tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`;
    const fields = readFileSync(path, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 to 17 of stat(5), utime, stime, cutime and cstime, in clock ticks (100 a second).
    const ticks = (i: number) => Number(fields[i]) / 100;
    return { user: ticks(11), system: ticks(12), reapedChildren: ticks(13) + ticks(14) };
  } catch {
    return { user: 0, system: 0, reapedChildren: 0 };
  }
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  const { user, system } = cpuTimesOf(pid);
  return user + system;
}

/** CPU seconds (user + system) of a process's main thread (the one running JavaScript in node). */
export function mainThreadCpuSecondsOf(pid: number): number {
  const { user, system } = cpuTimesOf(pid, pid);
  return user + system;
}

/** CPU seconds a process has used in user space and in the kernel, from /proc (Linux). */
export function cpuSplitOf(pid: number): { user: number; system: number } {
  const { user, system } = cpuTimesOf(pid);
  return { user, system };
}

/** The processes of this machine running `command`. */
function pidsRunning(command: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** CPU seconds of every process on this machine running `command` (0 where there is none). */
export function commandCpuSeconds(command: string): number {
  return pidsRunning(command).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
}

/**
 * CPU seconds of PostgreSQL on this machine (0 where there is none): its live processes, and
 * the backends that have ended since it started (their CPU counted in the postmaster's
 * children's time once reaped), so that a connection closing does not take its work away.
 */
export function postgresCpuSeconds(): number {
  return pidsRunning('postgres').reduce((sum, pid) => {
    const { user, system, reapedChildren } = cpuTimesOf(pid);
    return sum + user + system + reapedChildren;
  }, 0);
}

/** CPU per fix (µs) of each process of a run, and Harbor's CPU seconds in all. */
export type CpuPerFix = {
  harborUs: number;
  loadUs: number;
  postgresUs: number;
  /** The NATS server's (nats-server), when the run measured it. */
  natsUs: number | null;
  harborSeconds: number;
  /** Of harborUs, the kernel's work for Harbor (system time: sockets above all). */
  harborKernelUs: number;
  /** Of harborSeconds, its main thread's (the rest: V8's helper threads, libuv's pool). */
  harborMainSeconds: number;
};

/**
 * Where the CPU goes from now on: Harbor, the load generator (this process), PostgreSQL and,
 * with `nats`, the NATS server; call the result with the fixes the run handled.
 */
export function cpuUse(
  /** Harbor's process, or its processes when it runs as several (their CPU added up). */
  harborPids: number | readonly number[],
  options: { nats?: boolean } = {},
) {
  const pids = typeof harborPids === 'number' ? [harborPids] : harborPids;
  const sum = (of: (pid: number) => number) => pids.reduce((total, pid) => total + of(pid), 0);
  const harborCpu = () => sum(cpuSecondsOf);
  const harborKernel = () => sum((pid) => cpuSplitOf(pid).system);
  const harborMain = () => sum(mainThreadCpuSecondsOf);
  const start = {
    harbor: harborCpu(),
    harborKernel: harborKernel(),
    harborMain: harborMain(),
    load: process.cpuUsage(),
    postgres: postgresCpuSeconds(),
    nats: options.nats ? commandCpuSeconds('nats-server') : 0,
  };
  return (fixes: number): CpuPerFix => {
    const load = process.cpuUsage(start.load);
    const perFix = (seconds: number) => (seconds * 1e6) / fixes;
    const harborSeconds = harborCpu() - start.harbor;
    return {
      harborUs: perFix(harborSeconds),
      loadUs: perFix((load.user + load.system) / 1e6),
      postgresUs: perFix(postgresCpuSeconds() - start.postgres),
      natsUs: options.nats ? perFix(commandCpuSeconds('nats-server') - start.nats) : null,
      harborSeconds,
      harborKernelUs: perFix(harborKernel() - start.harborKernel),
      harborMainSeconds: harborMain() - start.harborMain,
    };
  };
}

/** `CPU per fix: Harbor 22 µs (8 µs of it in the kernel), load generator 16 µs, PostgreSQL 14 µs` (and NATS, if measured). */
export function describeCpu(cpu: CpuPerFix): string {
  const us = (v: number) => `${v.toFixed(0)} µs`;
  return (
    `CPU per fix: Harbor ${us(cpu.harborUs)} (${us(cpu.harborKernelUs)} of it in the kernel), load generator ${us(cpu.loadUs)}, PostgreSQL ${us(cpu.postgresUs)}` +
    (cpu.natsUs === null ? '' : `, NATS ${us(cpu.natsUs)}`)
  );
}

/** Where the CPU went during a run: Harbor, the load generator (this process), PostgreSQL. */
export function cpuMeter(harborPid: number) {
  const use = cpuUse(harborPid);
  return (fixes: number) => describeCpu(use(fixes));
}

/**
 * CPU seconds all cores of this machine have spent busy (every process; not idle or waiting
 * for I/O), from /proc/stat: user, nice, system, irq, softirq and steal, in ticks of 1/100 s
 * (proc(5); guest time is already in user).
 */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}
