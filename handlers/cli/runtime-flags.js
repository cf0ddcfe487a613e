/**
 * V8 flags for the commands that open the database, measured with bench/serve-startup.ts:
 * - `--liftoff-only`: V8 re-compiles PGlite's hot WebAssembly functions with its optimising compiler;
 *   PostgreSQL's executor is huge, and that pass peaked at about 500 MB (keeping both cores busy) for SQL
 *   that then ran at most ~20% faster. The baseline compiler's code is kept instead.
 * - `--max-semi-space-size=8` (MB): a service's young objects are requests and rows that die young; V8's
 *   default lets the young generation grow to 48 MB that then stays resident. At 2 MB idle RSS was 10–15 MB
 *   lower, but under a burst the objects of 50 requests in flight at once outlived each of its many
 *   scavenges and were promoted, to be collected by major GCs: the burst's ack p99 (bench/slack-escalate.ts)
 *   went from 1.28–1.34× the floor's at 2 MB to 1.04–1.11× at 8 MB (and 1.08–1.24× at 16 MB).
 * V8 reads its flags at start (`--liftoff-only` is not even allowed in NODE_OPTIONS), so the process
 * restarts itself with them: same pid, same streams (`process.execve`).
 */
export const RUNTIME_FLAGS = ["--liftoff-only", "--max-semi-space-size=8"];

/** The runtime flags this process was not started with. */
export function missingRuntimeFlags() {
  return RUNTIME_FLAGS.filter((flag) => !process.execArgv.includes(flag));
}

/**
 * glibc malloc settings the process restarts with too (an environment variable already set wins):
 * - `MALLOC_ARENA_MAX=2`: by default every thread that allocates (the database and engine workers, the
 *   topic learner that runs once at start, libuv's pool) gets an arena of its own, and what a finished
 *   thread freed stays resident in it;
 * - `MALLOC_TRIM_THRESHOLD_=131072`: free memory at the top of an arena goes back to the system sooner.
 * Measured with bench/serve-startup.ts (idle RSS after the start-up import of the sample dataset).
 */
export const RUNTIME_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_TRIM_THRESHOLD_: "131072" };
