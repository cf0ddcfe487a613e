/**
 * The Teams SDK's logger interface over warroom's pino logger: one line per event, at the SDK's level.
 */
import type { ILogger, LogLevel } from "@microsoft/teams.common";
import type { Logger } from "../../src/logger.ts";

const text = (msg: unknown[]) =>
  msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" ");

/** An ILogger writing to `logger` (component teams). */
export function sdkLogger(logger: Logger, name = "teams"): ILogger {
  const child = logger.child({ component: name });
  const self: ILogger = {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    trace: (...msg) => child.trace(text(msg)),
    log: (level: LogLevel, ...msg) => child[level](text(msg)),
    child: (sub) => sdkLogger(logger, `${name}/${sub}`),
  };
  return self;
}
