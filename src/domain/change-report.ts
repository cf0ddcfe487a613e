/**
 * A change as someone reports it (a deploy pipeline on POST /api/changes, `warroom changes import`, a local
 * dataset): the case bundle's change item plus who it reaches. `scope: "account"` names the account;
 * `scope: "segment"` may narrow itself to a segment and/or a region (an account attribute); `global`
 * reaches everyone.
 */
import { z } from "zod";
import { changeSchema, SEGMENTS } from "./case-bundle.ts";

/** Who a change reaches, besides its scope. */
export const changeReachSchema = {
  accountId: z.string().min(1).optional(),
  segment: z.enum(SEGMENTS).optional(),
  region: z.string().min(1).optional(),
};

/** An account-scoped change must say which account. */
export function requireAccountForAccountScope<T extends { scope: string; accountId?: string }>(
  schema: z.ZodType<T>,
): z.ZodType<T> {
  return schema.refine((change) => change.scope !== "account" || change.accountId !== undefined, {
    message: 'accountId is required when scope is "account" (the CRM id of the account it touched)',
    path: ["accountId"],
  });
}

/** A reported change; the id is optional (one is derived from its content so a retry stays one change). */
export const reportedChangeSchema = requireAccountForAccountScope(
  changeSchema.extend({ id: z.string().min(1).max(200).optional(), ...changeReachSchema }),
);

/** A change as reported. */
export type ReportedChange = z.infer<typeof reportedChangeSchema>;

/** The account a change may reach. */
export interface ChangeAudience {
  id: string;
  segment?: string;
  attributes?: Record<string, string | number | boolean>;
}

/**
 * Whether a change reaches an account. A segment-scoped change without segment or region reaches every
 * account: better a candidate the engine can rule out than a cause it never sees.
 */
export function changeReaches(
  change: { scope: string; accountId?: string; segment?: unknown; region?: unknown },
  account: ChangeAudience | undefined,
): boolean {
  if (change.scope === "global") return true;
  if (change.scope === "account") return change.accountId === account?.id;
  const segmentOk =
    typeof change.segment !== "string" ||
    account?.segment === undefined ||
    change.segment === account.segment;
  const region = account?.attributes?.region;
  const regionOk =
    typeof change.region !== "string" || region === undefined || String(region) === change.region;
  return segmentOk && regionOk;
}
