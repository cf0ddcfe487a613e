/**
 * Everyday tickets for every account, drawn from the templates: more for busy and larger accounts, none
 * before the contract started, calm inside live patterns (quiet rules).
 */
import { drawFill, fillText } from "./fill.ts";
import { isQuiet, type QuietRule } from "./quiet-rules.ts";
import type { Rng } from "./random.ts";
import { CALM_KINDS, type TicketTemplate } from "./ticket-template.ts";
import { ANCHOR_MS, ago, DAY_MS, daysBeforeAnchor, plusHours } from "./time.ts";
import type { AccountSeed, CommentDraft, TicketDraft } from "./types.ts";
import { CORE_AREAS, MODULE_WEIGHTS } from "./world.ts";

/** How far back the ticket history goes (about nine months). */
export const HISTORY_DAYS = 273;

const BASE_COUNT = { enterprise: 21, mid_market: 11, smb: 5 } as const;
const WORK_START_UTC = { eu: 7, us: 13, apac: 22 } as const;

/** What the generator knows about an account when it writes background tickets. */
export interface TicketContext {
  seed: AccountSeed;
  contractStart: string;
}

function areaWeights(seed: AccountSeed): (readonly [string, number])[] {
  return [...CORE_AREAS, ...seed.modules.map((m) => [m, MODULE_WEIGHTS[m] ?? 1] as const)];
}

function drawCreatedAt(ctx: TicketContext, rng: Rng): string | null {
  const startAgo = Math.min(HISTORY_DAYS, daysBeforeAnchor(`${ctx.contractStart}T00:00:00Z`) - 2);
  const endAgo = Math.max(1, ctx.seed.quietDays ?? 1);
  if (startAgo <= endAgo) return null;
  let day = Math.round(endAgo + (startAgo - endAgo) * (1 - rng.next() ** 0.8));
  if (day % 7 === 1 && rng.chance(0.8)) day += 2;
  if (day % 7 === 2 && rng.chance(0.8)) day += 1;
  const hour = WORK_START_UTC[ctx.seed.region] + rng.int(0, 9);
  const at = ago(day, hour, rng.int(0, 59));
  return Date.parse(at) < ANCHOR_MS - endAgo * DAY_MS + 12 * 3600 * 1000 ? at : ago(day + 1, hour, 0);
}

function pickTemplate(
  ctx: TicketContext,
  at: string,
  byArea: ReadonlyMap<string, TicketTemplate[]>,
  used: Set<TicketTemplate>,
  rules: readonly QuietRule[],
  rng: Rng,
): TicketTemplate | null {
  const area = rng.weighted(areaWeights(ctx.seed));
  const calm = isQuiet(rules, ctx.seed, area, Date.parse(at)) || (isNew(ctx, at) && rng.chance(0.6));
  const candidates = (byArea.get(area) ?? []).filter((t) => !calm || CALM_KINDS.includes(t.kind));
  const fresh = candidates.filter((t) => !used.has(t));
  const pool = fresh.length > 0 ? fresh : candidates;
  return pool.length > 0 ? rng.pick(pool) : null;
}

function isNew(ctx: TicketContext, at: string): boolean {
  return Date.parse(at) - Date.parse(`${ctx.contractStart}T00:00:00Z`) < 90 * DAY_MS;
}

function drawStatus(template: TicketTemplate, at: string, rng: Rng): TicketDraft["status"] {
  const age = daysBeforeAnchor(at);
  if (template.kind === "feature") return age < 60 && rng.chance(0.4) ? "pending" : "closed";
  if (age > 30) return "closed";
  if (age > 10)
    return rng.weighted([
      ["closed", 80],
      ["pending", 12],
      ["open", 8],
    ] as const);
  return rng.weighted([
    ["closed", 40],
    ["pending", 25],
    ["open", 35],
  ] as const);
}

function drawComments(
  template: TicketTemplate,
  at: string,
  closed: boolean,
  fill: Readonly<Record<string, string>>,
  rng: Rng,
): CommentDraft[] {
  const all = template.comments.length;
  const keep = closed
    ? all >= 2 && rng.chance(0.25)
      ? all - 1
      : all
    : rng.chance(0.15)
      ? 0
      : Math.min(all, rng.int(1, 2));
  const comments: CommentDraft[] = [];
  let when = plusHours(at, rng.float(0.3, 5));
  for (const c of template.comments.slice(0, keep)) {
    if (Date.parse(when) >= ANCHOR_MS - 3600 * 1000) break;
    comments.push({ at: when, author: c.author, body: fillText(c.body, fill) });
    when = plusHours(when, rng.float(1.5, 28));
  }
  return comments;
}

function drawPriority(template: TicketTemplate, rng: Rng): TicketDraft["priority"] {
  const priority = rng.pick(template.priorities);
  return priority === "low" && rng.chance(0.45) ? "normal" : priority;
}

function buildTicket(ctx: TicketContext, template: TicketTemplate, at: string, rng: Rng): TicketDraft {
  const fill = drawFill(rng, at);
  let status = drawStatus(template, at, rng);
  const comments = drawComments(template, at, status === "closed", fill, rng);
  const last = comments.at(-1)?.at ?? at;
  let closedAt: string | null = status === "closed" ? plusHours(last, rng.float(0.5, 20)) : null;
  if (closedAt && Date.parse(closedAt) >= ANCHOR_MS) {
    status = "pending";
    closedAt = null;
  }
  return {
    accountKey: ctx.seed.key,
    subject: fillText(template.subject, fill),
    description: fillText(template.description, fill),
    status,
    priority: drawPriority(template, rng),
    createdAt: at,
    closedAt,
    resolution: closedAt ? fillText(template.resolution, fill) : null,
    tags: [...template.tags],
    comments,
  };
}

/** Background tickets for one account. */
export function buildBackgroundTickets(
  ctx: TicketContext,
  templates: readonly TicketTemplate[],
  rules: readonly QuietRule[],
  rng: Rng,
): TicketDraft[] {
  const byArea = new Map<string, TicketTemplate[]>();
  for (const t of templates) byArea.set(t.area, [...(byArea.get(t.area) ?? []), t]);
  const activeDays = Math.min(HISTORY_DAYS, daysBeforeAnchor(`${ctx.contractStart}T00:00:00Z`));
  const expected = BASE_COUNT[ctx.seed.segment] * (ctx.seed.busy ?? 1) * (activeDays / HISTORY_DAYS);
  const count = Math.max(1, Math.round(expected * rng.float(0.8, 1.25)));
  const used = new Set<TicketTemplate>();
  const tickets: TicketDraft[] = [];
  for (let i = 0; i < count; i++) {
    const at = drawCreatedAt(ctx, rng);
    if (!at) continue;
    const template = pickTemplate(ctx, at, byArea, used, rules, rng);
    if (!template) continue;
    used.add(template);
    tickets.push(buildTicket(ctx, template, at, rng));
  }
  return tickets;
}
