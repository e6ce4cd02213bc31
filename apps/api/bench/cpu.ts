import { readdirSync, readFileSync } from 'node:fs';

// Where the CPU goes in a benchmark, read from /proc (Linux): steadier than a rate on a
// machine whose two cores the load generator, Harbor and PostgreSQL share.

/**
 * A process's CPU seconds from /proc/<pid>/stat (Linux): in user space, in the kernel, and
 * those of its children it has reaped (zero for a process that ended while we looked).
 */
function cpuTimesOf(pid: number): { user: number; system: number; reapedChildren: number } {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
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

/** Where the CPU went during a run: Harbor, the load generator (this process), PostgreSQL. */
export function cpuMeter(harborPid: number) {
  const start = {
    harbor: cpuSecondsOf(harborPid),
    load: process.cpuUsage(),
    postgres: postgresCpuSeconds(),
  };
  return (fixes: number) => {
    const load = process.cpuUsage(start.load);
    const perFix = (seconds: number) => `${((seconds * 1e6) / fixes).toFixed(0)} µs`;
    return (
      `CPU per fix: Harbor ${perFix(cpuSecondsOf(harborPid) - start.harbor)}, ` +
      `load generator ${perFix((load.user + load.system) / 1e6)}, ` +
      `PostgreSQL ${perFix(postgresCpuSeconds() - start.postgres)}`
    );
  };
}

/** CPU seconds all cores of this machine have spent busy (not idle or waiting), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal ...: busy is all but idle and iowait.
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = ticks.reduce((sum, n, i) => (i === 3 || i === 4 ? sum : sum + n), 0);
  return busy / 100;
}
