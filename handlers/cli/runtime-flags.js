/**
 * V8 flags for the commands that open the database, measured with bench/serve-startup.ts:
 * - `--liftoff-only`: V8 re-compiles PGlite's hot WebAssembly functions with its optimising compiler;
 *   PostgreSQL's executor is huge, and that pass peaked at about 500 MB (keeping both cores busy) for SQL
 *   that then ran at most ~20% faster. The baseline compiler's code is kept instead.
 * - `--max-semi-space-size=8` (MB; the young generation is about three times that): a service's young
 *   objects are requests and rows that die young; V8's default lets the young generation grow to 48 MB that
 *   then stays resident. At 2 MB idle RSS was lower (216 against 241 MB on PGlite, 117 against 125 on
 *   PostgreSQL), but under a burst the objects of 50 requests in flight at once outlived its many scavenges
 *   and were promoted, to be collected by major GCs: in A/B runs of otherwise the same code, the steady ack
 *   p99 of bench/slack-escalate.ts was 1.28× the floor's (PGlite) and 1.34× (PostgreSQL) at 2 MB, 1.11× and
 *   1.04× at 8 MB, 1.24× and 1.08× at 16 MB. Worker threads get the same flag.
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
