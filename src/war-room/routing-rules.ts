/**
 * Routing rules: who joins a war-room besides the requester and the account's CSM. A JSON file
 * (ROUTING_RULES_FILE), validated with zod; every rule whose conditions all hold adds its people.
 *
 *   { "rules": [ { "name": "enterprise critical", "when": { "segment": ["enterprise"], "severity": ["critical"] },
 *                  "invite": { "users": ["U012AB3CD"], "emails": ["oncall@example.com"], "groups": ["S0614TZR7"] } } ] }
 *
 * Ticket triage adds `when.topic` (learned topics), `when.policyRisk` (e.g. ["refund", "legal"]) and
 * `when.sentiment` (e.g. ["angry"]); they match triaged tickets only, never an escalation without triage.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { SEGMENTS, SEVERITIES } from "../domain/case-bundle.ts";
import { describeIssue } from "../domain/describe-issue.ts";
import { ConfigError } from "../errors.ts";
import { POLICY_RISKS, SENTIMENTS } from "../triage/types.ts";

const ruleSchema = z.strictObject({
  name: z.string().min(1),
  when: z
    .strictObject({
      segment: z.array(z.enum(SEGMENTS)).min(1).optional(),
      severity: z.array(z.enum(SEVERITIES)).min(1).optional(),
      productArea: z.array(z.string().min(1)).min(1).optional(),
      minArr: z.number().nonnegative().optional(),
      /** Ticket triage: the learned topic, the policy risk, the customer's sentiment (any listed value). */
      topic: z.array(z.string().min(1)).min(1).optional(),
      policyRisk: z.array(z.enum(POLICY_RISKS)).min(1).optional(),
      sentiment: z.array(z.enum(SENTIMENTS)).min(1).optional(),
    })
    .default({}),
  invite: z
    .strictObject({
      users: z.array(z.string().min(1)).default([]),
      emails: z.array(z.email()).default([]),
      groups: z.array(z.string().min(1)).default([]),
    })
    .refine((i) => i.users.length + i.emails.length + i.groups.length > 0, "a rule must invite someone"),
});

export const routingRulesSchema = z.strictObject({ rules: z.array(ruleSchema) });

/** Validated routing rules. */
export type RoutingRules = z.infer<typeof routingRulesSchema>;

/** What the rules look at. */
export interface RoutingFacts {
  segment?: string;
  severity: string;
  arr?: number;
  /** Product areas the escalation touches (from the analysis), empty until known. */
  productAreas: string[];
  /** A triaged ticket's topic, policy risk and sentiment; rules on them never match an escalation without. */
  topic?: string;
  policyRisk?: string;
  sentiment?: string;
}

/** Who to invite: user ids, emails to look up, user groups to expand. */
export interface RoutingTargets {
  rules: string[];
  users: string[];
  emails: string[];
  groups: string[];
}

/** No rules: only the requester and the CSM join. */
export const NO_RULES: RoutingRules = { rules: [] };

/** Loads and validates a rules file; errors name the file and the JSON path. */
export async function loadRoutingRules(path: string): Promise<RoutingRules> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`ROUTING_RULES_FILE ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = routingRulesSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    throw new ConfigError(`ROUTING_RULES_FILE ${path}: ${describeIssue(parsed.error.issues[0]!)}`);
  }
  return parsed.data;
}

/** The union of the invites of every rule that matches. */
export function route(rules: RoutingRules, facts: RoutingFacts): RoutingTargets {
  const out: RoutingTargets = { rules: [], users: [], emails: [], groups: [] };
  for (const rule of rules.rules) {
    const w = rule.when;
    if (w.segment && (!facts.segment || !w.segment.includes(facts.segment as (typeof SEGMENTS)[number])))
      continue;
    if (w.severity && !w.severity.includes(facts.severity as (typeof SEVERITIES)[number])) continue;
    if (w.minArr !== undefined && (facts.arr ?? 0) < w.minArr) continue;
    if (w.productArea && !w.productArea.some((a) => facts.productAreas.includes(a))) continue;
    if (!matchesTriage(w, facts)) continue;
    out.rules.push(rule.name);
    out.users.push(...rule.invite.users);
    out.emails.push(...rule.invite.emails);
    out.groups.push(...rule.invite.groups);
  }
  return {
    rules: out.rules,
    users: [...new Set(out.users)],
    emails: [...new Set(out.emails)],
    groups: [...new Set(out.groups)],
  };
}

function matchesTriage(w: RoutingRules["rules"][number]["when"], facts: RoutingFacts): boolean {
  if (w.topic && !(facts.topic && w.topic.includes(facts.topic))) return false;
  if (w.policyRisk && !w.policyRisk.some((r) => r === facts.policyRisk)) return false;
  if (w.sentiment && !w.sentiment.some((s) => s === facts.sentiment)) return false;
  return true;
}
