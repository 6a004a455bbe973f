import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { HttpSample } from './load';
import { MetricSpec } from './report';

/*
 * Server CPU per request: the CPU time the server process used during a load round (utime + stime from
 * /proc/<pid>/stat) over the requests it answered. On a machine shared with other work, throughput swings
 * with the neighbours' load; the CPU a request costs moves much less, so it tells the layers' cost apart from
 * the machine's mood. Linux only; the database's own CPU is not in it (both sides send the same statements).
 */

export interface CpuHttpSample extends HttpSample {
  /** ms of server CPU per 2xx answer; NaN where /proc is not readable. */
  cpuPerRequest: number;
}

const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU ms used so far by the process, or NaN. */
function cpuMs(pid: number): number {
  try {
    // fields after the command name, which is in parentheses and may hold spaces
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

export async function withServerCpu(pid: number, load: () => Promise<HttpSample>): Promise<CpuHttpSample> {
  const before = cpuMs(pid);
  const sample = await load();
  return { ...sample, cpuPerRequest: (cpuMs(pid) - before) / Math.max(sample.ok, 1) };
}

export const cpuSpec = (kind: string): MetricSpec<CpuHttpSample> => ({
  name: `${kind} server CPU per request`,
  unit: 'ms',
  better: 'lower',
  target: null,
  value: (s) => s.cpuPerRequest,
});
