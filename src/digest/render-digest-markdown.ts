/**
 * The digest as Markdown, for people: `warroom digest --format md`, the terminal, and Markdown-speaking
 * chat platforms. Sections in the order a leader reads them: the sentence, the week, what is open, why it
 * happened, who escalates, what recurs, and how good the bot was.
 */

import { categoryLabel, segmentLabel } from "../domain/labels.ts";
import { formatMoney } from "../domain/money.ts";
import type { CohortRow, Digest, EscalationRate } from "./digest.ts";
import { radarSectionLines } from "./radar-section.ts";
import { digestGapLines } from "./render-knowledge-gaps.ts";
import { roundShares } from "./round-shares.ts";
import { CATEGORY_PHRASES } from "./write-headline.ts";

const pct = (share: number) => `${Math.round(share * 100)}%`;
/** A duration for people: seconds and minutes for a first hypothesis, days for a resolution. */
const hours = (h: number | null) => {
  if (h === null) return "n/a";
  if (h < 1 / 60) return `${Math.round(h * 3600)} s`;
  if (h < 1) return `${Math.round(h * 60)} min`;
  return h < 48 ? `${Math.round(h * 10) / 10} h` : `${Math.round((h / 24) * 10) / 10} days`;
};
const delta = (now: number, before: number) =>
  now === before ? "same as" : `${now > before ? "+" : ""}${now - before} vs`;

function cohortLines(rows: CohortRow[], name: (value: string) => string = (v) => v, limit = 4): string[] {
  return rows
    .slice(0, limit)
    .map(
      (r) =>
        `${name(r.value)}: ${r.escalations} (${r.percent}% of escalations, ${r.accountPercent}% of accounts${r.ratio !== null ? `, ${r.ratio}×` : ""})`,
    );
}

/** One part of the digest: a title and its lines. */
export interface DigestSection {
  title: string;
  lines: string[];
}

function activity(d: Digest): DigestSection {
  const e = d.escalations;
  const trend = e.trend.map((w) => `${w.week.slice(-3)} ${w.opened}/${w.resolved}`).join(" · ");
  return section(`This week (${d.week}: ${d.days.first} to ${d.days.last}, ${d.timeZone})`, [
    `Opened ${e.opened} (${delta(e.opened, e.previous.opened)} last week), resolved ${e.resolved} (${delta(e.resolved, e.previous.resolved)} last week).`,
    `8 weeks, opened/resolved: ${trend}`,
    `Knowledge: ${d.knowledge.findingsAdded} findings added; ${d.knowledge.closedWithoutFinding} escalations closed without one.`,
  ]);
}

function openAndRisk(d: Digest): DigestSection {
  const r = d.arrAtRisk;
  return section(`Open escalations: ${d.open.count}`, [
    `ARR at risk now (accounts with an open escalation): ${formatMoney(r.open)} across ${r.openAccounts} accounts; ${formatMoney(r.renewingWithin90Days)} (${r.renewingAccounts} accounts) renews within 90 days.`,
    ...d.open.items.map(
      (o) =>
        `${o.id} ${o.account} · ${o.severity} · ${o.ageDays} days · ${o.owner ?? "no owner"}${o.arr !== null ? ` · ${formatMoney(o.arr)}` : ""}${o.roomUrl ? ` · ${o.roomUrl}` : ""}`,
    ),
    ...(d.open.count > d.open.items.length ? [`… and ${d.open.count - d.open.items.length} more`] : []),
  ]);
}

function rootCauses(d: Digest): DigestSection {
  const rc = d.rootCauses;
  if (rc.total === 0) return section("Root causes, last 13 weeks", ["None validated yet."]);
  const [product, process, external] = roundShares([
    rc.preventable.product,
    rc.preventable.process,
    rc.preventable.external,
  ]);
  return section(`Root causes, last 13 weeks (${rc.total} of ${rc.opened} escalations validated)`, [
    ...rc.categories
      .slice(0, 6)
      .map(
        (c) =>
          `${categoryLabel(c.category)}: ${c.count}${c.thisWeek ? ` (${c.thisWeek} this week)` : ""} · accounts worth ${formatMoney(c.arr)} ARR — ${CATEGORY_PHRASES[c.category]}`,
      ),
    `Preventable by product ${product}%, by process ${process}%; external ${external}%.`,
  ]);
}

const rate = (r: EscalationRate) =>
  `${r.per100Accounts ?? "n/a"} per 100 accounts, ${r.per1000Tickets ?? "n/a"} per 1,000 tickets`;

function leaderFigures(d: Digest): DigestSection {
  const t = d.timing;
  const q = t.quarter;
  return section("Speed and rate (this week; last 13 weeks)", [
    `Escalation rate: ${rate(d.rates.week)} (${d.rates.week.escalations} opened); last 13 weeks ${rate(d.rates.quarter)} (${d.rates.quarter.escalations} opened).`,
    `Median time to first hypothesis: ${hours(t.medianHoursToFirstHypothesis)}; last 13 weeks ${hours(q.medianHoursToFirstHypothesis)}.`,
    `Median time to a confirmed root cause: ${hours(t.medianHoursToRootCause)}; last 13 weeks ${hours(q.medianHoursToRootCause)}.`,
    `Median time to resolve: ${hours(t.medianHoursToResolution)}; last 13 weeks ${hours(q.medianHoursToResolution)}.`,
  ]);
}

function cohorts(d: Digest): DigestSection {
  const c = d.cohorts;
  return section("Who escalates (last 13 weeks, against their share of accounts)", [
    `Segments: ${cohortLines(c.segments, segmentLabel).join("; ") || "none"}`,
    `Industries: ${cohortLines(c.industries).join("; ") || "none"}`,
    `Lifecycle: ${cohortLines(c.lifecycle).join("; ") || "none"}`,
  ]);
}

function patterns(d: Digest): DigestSection {
  if (d.patterns.length === 0)
    return section("Recurring patterns (30 days)", ["None: no cause and product area at 3+ accounts."]);
  return section(
    "Recurring patterns (30 days)",
    d.patterns.map(
      (p) =>
        `${categoryLabel(p.category)} in ${p.productArea} at ${p.accounts.length} accounts: ${p.accounts.join(", ")} (${p.escalations.join(", ")})`,
    ),
  );
}

function bot(d: Digest): DigestSection {
  const b = d.bot;
  if (b.warRooms === 0)
    return section("How good the bot was", ["No war-room resolved in the last 13 weeks yet."]);
  return section("How good the bot was (war-rooms resolved, last 13 weeks)", [
    `First hypothesis confirmed in ${b.firstHypothesisConfirmed === null ? "n/a" : pct(b.firstHypothesisConfirmed)} of ${b.warRooms} war-rooms.`,
    `First hypothesis against the validated finding (${b.graded} with one): exact cause ${b.exact}, right area ${b.rightArea}, wrong ${b.wrong}.`,
  ]);
}

function knowledgeGaps(d: Digest): DigestSection {
  const title = "Knowledge gaps: causes that recur without a usable article (last 13 weeks)";
  if (d.knowledgeGaps.length === 0) return section(title, ["None: every recurring cause had an article."]);
  // Three gaps with two facts each fit a Slack section (3,000 characters); the command lists them all.
  const more = d.knowledgeGaps.length - 3;
  return section(title, [
    ...digestGapLines(d.knowledgeGaps.slice(0, 3)),
    ...(more > 0 ? [`… and ${more} more: warroom knowledge gaps lists them with all their facts.`] : []),
  ]);
}

const section = (title: string, lines: string[]): DigestSection => ({ title, lines });

/** The digest's sections in reading order (every renderer lays out the same content). */
export function digestSections(d: Digest): DigestSection[] {
  const radar = radarSectionLines(d.radar);
  return [
    activity(d),
    leaderFigures(d),
    openAndRisk(d),
    rootCauses(d),
    cohorts(d),
    patterns(d),
    knowledgeGaps(d),
    bot(d),
    ...(radar.length ? [section("Risk radar (alerts before escalations)", radar)] : []),
  ];
}

/** The whole digest as Markdown. */
export function renderDigestMarkdown(d: Digest): string {
  return [
    `# Escalation digest ${d.week}`,
    "",
    `**${d.headline}**`,
    "",
    ...digestSections(d).flatMap((s) => [`## ${s.title}`, ...s.lines.map((l) => `- ${l}`), ""]),
  ].join("\n");
}
