/**
 * What `warroom serve` does when something escapes every handler. A rejected promise nobody awaited
 * leaves the process sound: it is logged with its code and serving goes on (Node's default would exit and
 * drop every request in flight). An uncaught exception may have left state half-changed: it is logged
 * and the process exits 1 for its supervisor to restart it (interrupted jobs resume from the database).
 */
import { toWarroomError } from "../../src/errors.ts";
import type { Logger } from "../../src/logger.ts";

/** The two ways an error escapes. */
export type ProcessFault = "unhandledRejection" | "uncaughtException";

/** Whether the process may go on. */
export type FaultDecision = "continue" | "exit";

/** Logs the fault with its code (one line) and decides. */
export function handleProcessFault(logger: Logger, kind: ProcessFault, error: unknown): FaultDecision {
  const code = toWarroomError(error).code;
  if (kind === "unhandledRejection") {
    logger.error(
      { err: error, code, fault: kind },
      "a task failed and nobody was waiting for it; still serving",
    );
    return "continue";
  }
  logger.fatal(
    { err: error, code, fault: kind },
    "uncaught exception; exiting so a clean process takes over",
  );
  return "exit";
}
