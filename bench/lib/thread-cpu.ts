/**
 * CPU time a process has used, from Linux's /proc/<pid>/task/<tid>/schedstat (nanoseconds on a CPU): its
 * main thread (the event loop that answers requests) and all its threads together (worker threads
 * included). Steadier than wall time on a shared machine: another process's load does not count.
 * Undefined where /proc is not there.
 */
import { readdir, readFile } from "node:fs/promises";

export interface ThreadCpu {
  /** Milliseconds the main thread ran. */
  mainMs: number;
  /** Milliseconds all threads ran. */
  allMs: number;
}

export async function threadCpu(pid: number): Promise<ThreadCpu | undefined> {
  const tids = await readdir(`/proc/${pid}/task`).catch(() => undefined);
  if (!tids) return undefined;
  let mainMs = 0;
  let allMs = 0;
  for (const tid of tids) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/schedstat`, "utf8").catch(() => "");
    const ms = Number(stat.split(" ")[0] ?? 0) / 1e6;
    allMs += ms;
    if (tid === String(pid)) mainMs = ms;
  }
  return { mainMs, allMs };
}

/** What `after` adds to `before`. */
export function cpuSince(before: ThreadCpu | undefined, after: ThreadCpu | undefined): ThreadCpu | undefined {
  if (!before || !after) return undefined;
  return { mainMs: after.mainMs - before.mainMs, allMs: after.allMs - before.allMs };
}

/**
 * Resolves once the process has been nearly idle (its main thread and all its threads together under 5% of
 * one core) for `quietMs`, or after `timeoutMs`: a server measured at rest, its start-up work (migrations,
 * importing a dataset) done, and no worker thread still busy with what it queued. Resolves false on
 * timeout or where /proc is not there.
 */
export async function settled(pid: number, quietMs = 300, timeoutMs = 20_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = await threadCpu(pid);
  while (last && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, quietMs));
    const now = await threadCpu(pid);
    if (!now) return false;
    if (now.mainMs - last.mainMs < quietMs * 0.05 && now.allMs - last.allMs < quietMs * 0.05) return true;
    last = now;
  }
  return false;
}
