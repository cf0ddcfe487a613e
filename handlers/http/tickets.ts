/**
 * POST /api/tickets: help desks that push send tickets (bearer CHANGES_TOKEN). The body is one ticket or an
 * array, in the case bundle's ticket shape plus accountId; each new or changed ticket is triaged and stored.
 * The answer lists the ids created, updated and unchanged. Bad input gets a 400 naming the item and field.
 */
import type { HttpBindings } from "@hono/node-server";
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { InputError } from "../../src/errors.ts";
import type { StoreTicketsResult } from "../../src/storage/ticket-store.ts";
import { changesTokenAuth } from "./changes-token-auth.ts";

/** What the route needs. */
export interface TicketsRouteDeps {
  token: string;
  record(input: unknown): Promise<StoreTicketsResult>;
}

/** Registers POST /api/tickets. */
export function registerTickets(app: Hono<{ Bindings: HttpBindings }>, deps: TicketsRouteDeps): void {
  app.post(
    "/api/tickets",
    changesTokenAuth(deps.token),
    bodyLimit({
      maxSize: 4 * 1024 * 1024,
      onError: (c) =>
        c.json({ error: "too_large", message: "send at most 4 MB of tickets per request" }, 413),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch (error) {
        throw new InputError(
          `the body is not JSON (${(error as Error).message}); send Content-Type: application/json`,
        );
      }
      const result = await deps.record(body);
      return c.json(result, result.created.length > 0 ? 201 : 200);
    },
  );
}
