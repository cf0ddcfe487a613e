/**
 * POST /api/changes: deploy pipelines and other systems report changes (bearer CHANGES_TOKEN). The body is
 * one change or an array of them, in the case bundle's shape plus an optional accountId; the answer lists
 * the ids stored. Bad input gets a 400 naming the item and field (the global error handler).
 */
import type { HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { InputError } from "../../src/errors.ts";
import type { RecordChangesResult } from "../../src/use-cases/record-changes.ts";
import { changesTokenAuth } from "./changes-token-auth.ts";

/** What the route needs. */
export interface ChangesRouteDeps {
  token: string;
  record(input: unknown): Promise<RecordChangesResult>;
}

/** Registers POST /api/changes. */
export function registerChanges(app: Hono<{ Bindings: HttpBindings }>, deps: ChangesRouteDeps): void {
  app.post(
    "/api/changes",
    changesTokenAuth(deps.token),
    bodyLimit({
      maxSize: 2 * 1024 * 1024,
      onError: (c) =>
        c.json({ error: "too_large", message: "send at most 2 MB of changes per request" }, 413),
    }),
    async (c) => {
      const text = await c.req.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (error) {
        throw new InputError(
          `the body is not JSON (${(error as Error).message}); send Content-Type: application/json`,
        );
      }
      const result = await deps.record(body);
      return c.json(result, result.created > 0 ? 201 : 200);
    },
  );
}
