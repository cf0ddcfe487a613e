/**
 * Structured logs: one JSON line per event (pino). Pass `escalationId` in the bindings of a child logger
 * so every line about one escalation can be found.
 */
import { pino } from "pino";

/** The logger type used across warroom. */
export type Logger = pino.Logger;

/** Creates the root logger; secrets that reach a log line by accident are redacted by key. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "warroom" },
      redact: {
        paths: ["*.token", "*.password", "*.apiKey", "*.secret", "*.authorization", "headers.authorization"],
        censor: "<redacted>",
      },
    },
    destination ?? pino.destination(2),
  );
}
