/**
 * The digest as Markdown, for people: `warroom digest --format md`, the terminal, and Markdown-speaking
 * chat platforms. Sections in the order a leader reads them: the sentence, the week, what is open, why it
 * happened, who escalates, what recurs, and how good the bot was.
 */

import { formatMoney } from "../domain/money.ts";
import type { CohortRow, Digest } from "./digest.ts";
import { CATEGORY_PHRASES } from "./write-headline.ts";

const pct = (share: number) => `${Math.round(share * 100)}%`;
const hours = (h: number | null) =>
  h === null ? "n/a" : h < 48 ? `${h} h` : `${Math.round((h / 24) * 10) / 10} days`;
const delta = (now: number, before: number) =>
  now === before ? "same as" : `${now > before ? "+" : ""}${now - before} vs`;

function cohortLines(rows: CohortRow[], limit = 4): string[] {
  return rows
    .slice(0, limit)
    .map(
      (r) =>
        `${r.value}: ${r.escalations} (${pct(r.share)} of escalations, ${pct(r.accountShare)} of accounts${r.ratio !== null ? `, ${r.ratio}×` : ""})`,
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
    `Median time to a confirmed root cause ${hours(d.timing.medianHoursToRootCause)}, to resolution ${hours(d.timing.medianHoursToResolution)} (quarter: ${hours(d.timing.quarter.medianHoursToRootCause)} and ${hours(d.timing.quarter.medianHoursToResolution)}).`,
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
  const p = rc.preventable;
  return section(`Root causes, last 13 weeks (${rc.total} of ${rc.opened} escalations validated)`, [
    ...rc.categories
      .slice(0, 6)
      .map(
        (c) =>
          `${c.category}: ${c.count}${c.thisWeek ? ` (${c.thisWeek} this week)` : ""} · ${formatMoney(c.arr)} ARR — ${CATEGORY_PHRASES[c.category]}`,
      ),
    `Preventable by product ${pct(p.product)}, by process ${pct(p.process)}; external ${pct(p.external)}.`,
  ]);
}

function cohorts(d: Digest): DigestSection {
  const c = d.cohorts;
  return section("Who escalates (last 13 weeks, against their share of accounts)", [
    `Segments: ${cohortLines(c.segments).join("; ") || "none"}`,
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
        `${p.category} in ${p.productArea} at ${p.accounts.length} accounts: ${p.accounts.join(", ")} (${p.escalations.join(", ")})`,
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

const section = (title: string, lines: string[]): DigestSection => ({ title, lines });

/** The digest's sections in reading order (every renderer lays out the same content). */
export function digestSections(d: Digest): DigestSection[] {
  return [activity(d), openAndRisk(d), rootCauses(d), cohorts(d), patterns(d), bot(d)];
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
