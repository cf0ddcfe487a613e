import { describe, expect, it } from "vitest";
import { handleProcessFault } from "../../../handlers/cli/process-faults.ts";
import { InputError } from "../../../src/errors.ts";
import { createLogger } from "../../../src/logger.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger("info", { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe("serve's policy for errors that escape every handler", () => {
  it("logs an unawaited rejection with its code on one line and keeps serving", () => {
    const { logger, lines } = capture();
    expect(handleProcessFault(logger, "unhandledRejection", new InputError("bad"))).toBe("continue");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, code: "input_invalid", fault: "unhandledRejection" });
  });

  it("logs an uncaught exception as fatal with its code and asks the process to exit", () => {
    const { logger, lines } = capture();
    expect(handleProcessFault(logger, "uncaughtException", new TypeError("x is null"))).toBe("exit");
    expect(lines[0]).toMatchObject({ level: 60, code: "internal", fault: "uncaughtException" });
  });
});
