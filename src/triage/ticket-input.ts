/**
 * A ticket as pushed to `POST /api/tickets` or given to `warroom triage`: the case bundle's ticket shape plus
 * the account it belongs to (required when pushed, optional for the CLI).
 */
import { z } from "zod";
import { ticketSchema } from "../domain/case-bundle.ts";

/** A pushed ticket: the case bundle's ticket plus `accountId`. */
export const pushedTicketSchema = ticketSchema.extend({ accountId: z.string().min(1) });

/** A ticket to triage from the command line; `accountId` is optional there. */
export const cliTicketSchema = ticketSchema.extend({ accountId: z.string().min(1).optional() });

/** A validated pushed ticket. */
export type PushedTicket = z.infer<typeof pushedTicketSchema>;
