/**
 * What people in the tickets say about each change. An analyst reads the thread for sentences that refer
 * to a release or a setting change — by its version ("6.4"), its rare title words, its id, or its date
 * ("the gateway release you pushed on Thursday") — and notes whether they rule it out ("the 6.4 release
 * was iOS only", "shipped a day after the first failure", "pinning 4.5.2 fails identically"), tie the
 * symptom to it ("engineering confirmed the bug"), or merely blame it ("roll it back").
 */
import * as chrono from "chrono-node/en";
import type { Change } from "../domain/case-bundle.ts";
import { isNegatedAt } from "./classify-sentences.ts";
import { toTime, type Workset } from "./prepare-workset.ts";
import { countTerms, splitSentences } from "./tokenize-text.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who wrote a sentence: support staff and systems state findings, customers and executives report. */
export type Voice = "staff" | "customer";

/** A sentence that refers to a change, with what it says about it. */
export interface ChangeMention {
  readonly changeId: string;
  /** Evidence id of the ticket it is in; undefined for the escalation summary. */
  readonly evidenceId?: string;
  readonly voice: Voice;
  readonly sentence: string;
  readonly stance: "rules-out" | "implicates" | "blames" | "neutral";
}

/** A sentence of the thread with its author. */
interface Said {
  readonly text: string;
  readonly at: number;
  readonly voice: Voice;
  readonly evidenceId?: string;
}

const CHANGE_WORD =
  /\b(?:release[ds]?|releasing|update[ds]?|upgrade[ds]?|deploy\w*|roll-?outs?|rolled out|version|patch\w*|migrat\w*|image|change[ds]?|switch(?:ed)?|maintenance|launch\w*|pushed|shipped|flag|setting|cutover|move[ds]?)\b/i;
const DATE_HINT =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|\d{4}-\d\d-\d\d)\b/i;

const RULES_OUT = [
  /\b(?:came|shipped|arrived|landed|went (?:in|live|out)|released|deployed|installed|rolled out|started|began)\b[^.]{0,40}\b(?:after|later than)\b/i,
  /\b(?:a|one|two|three|\d+) (?:day|days|week|weeks|hours?) (?:after|later)\b/i,
  /\bpostdates?\b|\btrail(?:s|ed) the first\b/i,
  /\b(?:predates?|before)\b[^.]{0,60}\b(?:same|identical|already|too|as well|also)\b/i,
  /\b(?:same|identical|also|already|too)\b[^.]{0,60}\bbefore (?:the|your|this|that|it)\b/i,
  /\b(?:unchanged|untouched|unaffected|not (?:affected|impacted|installed|enabled|enrolled|in use)|switched off|turned off|never (?:installed|used|enabled|rolled out))\b/i,
  /\b(?:does not|doesn't|did not|didn't|cannot|can't|won't|would not|wouldn't|could not|couldn't) (?:touch|change|affect|explain|cause|apply|reach|include|produce|run|use)\b/i,
  /\b(?:don't|do not|doesn't|does not|didn't|did not|never) (?:use|run|have)\b/i,
  /\bleft\b[^.]{0,40}\balone\b|\bunrelated\b|\bnothing to do with\b|\bnot (?:related|involved|responsible)\b|\bnot (?:the |a )?(?:cause|culprit|bottleneck|problem|issue|reason|trigger|source)\b|\bruled? out\b|\bcoincid\w*/i,
  /\bfails? (?:identically|the same way|just the same)\b|\bsame (?:result|failure|error|behaviou?r|way)\b|\bidentical\b/i,
  /\b(?:roll(?:ed|ing)? ?back|revert\w*|pinn(?:ed|ing)|downgrad\w*)\b[^.]{0,80}\b(?:still|same|identical|continu\w*|no (?:change|difference|effect)|(?:didn't|did not) help)\b/i,
  /\b(?:only (?:affects?|touches|changes|covers|applies)|applies only|only for|is only|was only)\b|\bonly\.?$/i,
];

const IMPLICATES = [
  /\bconfirm(?:ed|s)?\b[^.]{0,30}\b(?:bug|defect|regression|fault)\b/i,
  /\b(?:bug|defect|regression|fault)\b[^.]{0,30}\bconfirm(?:ed|s)?\b/i,
  /\b(?:introduced|caused|triggered|broken) (?:by|in|with)\b/i,
  /\breproduc(?:ed|es|ible)\b/i,
  /\b(?:minutes?|seconds?|an hour|\d+ (?:minutes?|hours?)) after\b/i,
  /\bsince\b[^.]{0,50}\b(?:shipped|deployed|released|went live|was switched on|rolled out|took effect)\b/i,
  /\bsince (?:the |that |this )?(?:[\w-]+ ){0,3}(?:migration|release|deploy(?:ment)?|upgrade|roll-?out|change|update|move|cutover|switch(?:over)?|patch)\b/i,
];

const BLAMES =
  /\b(?:blame\w*|roll (?:it |this )?back|rolled back|revert|since (?:your|the|you)|after (?:your|the|you)|broke|caused|because of|your (?:release|update|deploy|change|upgrade))\b/i;

function voiceOf(author: string): Voice {
  return /^(?:customer|contact|client|user|requester|end.?user)$/i.test(author) ? "customer" : "staff";
}

function threadOf(ws: Workset, ids: ReadonlySet<string>): Said[] {
  const out: Said[] = [{ text: ws.bundle.escalation.summary, at: ws.openedAt, voice: "customer" }];
  for (const t of ws.tickets) {
    if (!ids.has(t.id)) continue;
    const at = toTime(t.createdAt);
    out.push({ text: `${t.subject}. ${t.description ?? ""}`, at, voice: "customer", evidenceId: t.id });
    if (t.resolution) out.push({ text: t.resolution, at, voice: "staff", evidenceId: t.id });
    for (const c of t.comments ?? [])
      out.push({ text: c.body, at: toTime(c.at), voice: voiceOf(c.author), evidenceId: t.id });
  }
  return out;
}

/** Reference codes in a change's record ("CR-5521", "MW-0919"), which tickets quote when they mean it. */
function codesOf(change: Change): string[] {
  const text = `${change.title} ${change.description ?? ""}`;
  return [...new Set(text.match(/\b[A-Z]{2,}-\d{2,}\b/g) ?? [])].map((c) => c.toLowerCase());
}

/** Version strings in a change title ("6.4", "3.11", "v5", "2026.14"), escaped for a whole-token regex. */
function versionsOf(title: string): RegExp[] {
  const found = title.match(/\bv?\d+(?:\.\d+)+[a-z]?\b|\bv\d+\b/gi) ?? [];
  return found.map(
    (v) => new RegExp(`(?<![\\w.])v?${v.replace(/^v/i, "").replace(/\./g, "\\.")}(?![\\w]|\\.\\d)`, "i"),
  );
}

/** Title words that few items of the working set use: what people call the change ("gateway", "payouts"). */
function rareTitleWords(ws: Workset, change: Change): string[] {
  return [...countTerms(change.title).keys()].filter(
    (t) => t.length >= 3 && !/^\d/.test(t) && (ws.df.get(t) ?? 0) <= Math.max(3, ws.docCount * 0.15),
  );
}

/** One sentence of the thread, read once for every change it might refer to. */
interface Sentence {
  readonly said: Said;
  readonly text: string;
  readonly lower: string;
  readonly terms: ReadonlyMap<string, number>;
  /** Days the sentence names (midnight UTC), parsed on first use: chrono is slow, changes are many. */
  days?: readonly number[];
}

function namedDays(sentence: Sentence): readonly number[] {
  if (sentence.days) return sentence.days;
  const days: number[] = [];
  if (CHANGE_WORD.test(sentence.text) && DATE_HINT.test(sentence.text)) {
    for (const r of chrono.parse(sentence.text, { instant: new Date(sentence.said.at), timezone: "UTC" })) {
      if (!(r.start.isCertain("day") || r.start.isCertain("weekday"))) continue;
      const d = r.start.date();
      days.push(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    }
  }
  sentence.days = days;
  return days;
}

function refersByDate(sentence: Sentence, change: Change): boolean {
  const at = toTime(change.at);
  return namedDays(sentence).some((day) => at >= day - 12 * HOUR && at < day + DAY + 12 * HOUR);
}

/** How a change is referred to: its id, reference codes, version strings and rare title words. */
interface ChangeNames {
  readonly id: string;
  readonly codes: readonly string[];
  readonly versions: readonly RegExp[];
  readonly rare: readonly string[];
}

function refers(sentence: Sentence, change: Change, names: ChangeNames): boolean {
  const { rare } = names;
  if (sentence.lower.includes(names.id)) return true;
  if (names.codes.some((c) => sentence.lower.includes(c))) return true;
  if (names.versions.some((re) => re.test(sentence.text))) return true;
  const hits = rare.filter((t) => sentence.terms.has(t)).length;
  if (hits >= 2 || (hits >= 1 && CHANGE_WORD.test(sentence.text))) return true;
  return refersByDate(sentence, change);
}

function stanceOf(sentence: string, voice: Voice): ChangeMention["stance"] {
  for (const re of RULES_OUT) {
    const m = re.exec(sentence);
    if (m) return "rules-out";
  }
  for (const re of IMPLICATES) {
    const m = re.exec(sentence);
    if (m && !isNegatedAt(sentence, m.index)) return voice === "staff" ? "implicates" : "blames";
  }
  return voice === "customer" && BLAMES.test(sentence) ? "blames" : "neutral";
}

/**
 * Every sentence of the escalation summary and of the tickets `ids` (the episode and its look-alikes)
 * that refers to one of the changes, with its stance. Guesses in questions still count as blame.
 */
export function findChangeMentions(ws: Workset, ids: ReadonlySet<string>): ChangeMention[] {
  const sentences: Sentence[] = threadOf(ws, ids).flatMap((said) =>
    splitSentences(said.text).map((text) => ({
      said,
      text,
      lower: text.toLowerCase(),
      terms: countTerms(text),
    })),
  );
  const out: ChangeMention[] = [];
  for (const change of ws.changes) {
    if (toTime(change.at) > ws.openedAt + DAY) continue;
    const names: ChangeNames = {
      id: change.id.toLowerCase(),
      codes: codesOf(change),
      versions: versionsOf(change.title),
      rare: rareTitleWords(ws, change),
    };
    for (const sentence of sentences) {
      if (!refers(sentence, change, names)) continue;
      out.push({
        changeId: change.id,
        ...(sentence.said.evidenceId ? { evidenceId: sentence.said.evidenceId } : {}),
        voice: sentence.said.voice,
        sentence: sentence.text,
        stance: stanceOf(sentence.text, sentence.said.voice),
      });
    }
  }
  return out;
}
