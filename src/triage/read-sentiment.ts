/**
 * Sentiment of the customer's words and its trend across their messages. Phrase patterns per tone, with
 * negation ("not happy" is not positive) and intensity cues (capitals, repeated exclamation marks); the
 * strongest negative tone wins over a polite "thanks" in the same message.
 */

import { round } from "./detect-policy-risk.ts";
import { combineWeights, matchText, type PhrasePattern } from "./match-phrases.ts";
import type { Sentiment, SentimentTrend, SentimentTriage } from "./types.ts";

type Tone = Exclude<Sentiment, "neutral">;

const p = (re: RegExp, weight: number, extra: Partial<PhrasePattern> = {}): PhrasePattern => ({
  re,
  weight,
  ...extra,
});

/** Patterns per tone. */
export const TONE_PATTERNS: Readonly<Record<Tone, readonly PhrasePattern[]>> = {
  angry: [
    p(
      /\b(?:unacceptable|outrageous|ridiculous|absurd|disgrace(?:ful)?|pathetic|appalling|furious|livid|fed up|sick of|incompetent|joke)\b/,
      0.75,
    ),
    p(/\b(?:worst|terrible|awful|horrible|useless) (?:service|support|product|experience|company)\b/, 0.8),
    p(
      /\b(?:cancel(?:ling|ing)?|terminate|terminating|leave|leaving|switch(?:ing)? to)\b[^.?!]{0,25}\b(?:contract|subscription|account|service|competitor|you)\b/,
      0.7,
      { notInQuestion: true },
    ),
    p(
      /\b(?:escalate|escalating) (?:this )?to (?:your )?(?:ceo|management|executive|leadership)\b|\byour ceo\b/,
      0.7,
    ),
    p(/\b(?:third|fourth|fifth|\d+(?:rd|th)) time\b|\bfor the last time\b|\bhow many times\b/, 0.6, {
      negatable: false,
    }),
    p(/!!+/, 0.5, { negatable: false }),
  ],
  frustrated: [
    p(
      /\b(?:frustrat\w*|annoy\w*|disappoint\w*|tired of|losing patience|upset|unhappy|not happy|not impressed)\b/,
      0.75,
      { negatable: false },
    ),
    p(
      /\b(?:still|yet again|again)\b[^.?!]{0,30}\b(?:not|no|broken|failing|fails|waiting|happening|down|wrong|issue|problem|error)\b/,
      0.6,
      { negatable: false },
    ),
    p(/\b(?:no (?:one|response|reply|update)|nobody has|haven't heard|have not heard|any update)\b/, 0.55, {
      negatable: false,
    }),
    p(/\b(?:waiting|waited) (?:for )?(?:\w+ )?(?:days|weeks|hours|a week|so long)\b/, 0.6),
    p(/\b(?:keeps? (?:happening|failing|breaking|crashing)|every (?:day|time)|over and over)\b/, 0.55),
    p(/\b(?:blocking|blocked|can't work|cannot work|wasting (?:our|my) time|waste of time)\b/, 0.5),
  ],
  confused: [
    p(
      /\b(?:confus\w*|puzzled|unclear|not clear|makes no sense|doesn't make sense|don't understand|do not understand|not sure (?:how|what|why|where|if|whether)|no idea (?:how|what|why))\b/,
      0.75,
      { negatable: false },
    ),
    p(
      /\b(?:how (?:do|can|should) (?:i|we)|where (?:do|can) (?:i|we) find|what does\b[^.?!]{0,30}\bmean)\b/,
      0.5,
      { negatable: false },
    ),
    p(/\b(?:which (?:one|option|setting)|am i (?:missing|doing something wrong))\b/, 0.5, {
      negatable: false,
    }),
  ],
  positive: [
    p(
      /\b(?:thanks? (?:so much|a lot|again)|thank you(?: so much| very much)?|much appreciated|appreciate (?:it|your|the))\b/,
      0.45,
    ),
    p(/\b(?:great|excellent|perfect|awesome|fantastic|brilliant|amazing|wonderful|love (?:it|the))\b/, 0.6),
    p(
      /\b(?:works?(?: fine)? now|working (?:again|now)|(?:is |was )?(?:fixed|resolved|sorted)(?: now)?|all good)\b/,
      0.6,
    ),
  ],
};

/** A tone's weight on a scale from positive to angry, for the trend. */
const VALENCE: Record<Sentiment, number> = {
  positive: 1,
  neutral: 0,
  confused: -0.5,
  frustrated: -1.5,
  angry: -2.5,
};
const NEGATIVE: readonly Tone[] = ["angry", "frustrated", "confused"];

/** The tone of one message with its confidence and the phrases behind it. */
export function readTone(text: string): { tone: Sentiment; confidence: number; evidence: string[] } {
  const scores = {} as Record<Tone, { score: number; evidence: string[] }>;
  for (const tone of Object.keys(TONE_PATTERNS) as Tone[]) {
    const hits = matchText(text, TONE_PATTERNS[tone]);
    scores[tone] = { score: combineWeights(hits), evidence: hits.map((h) => h.text) };
  }
  // Shouting: several words in capitals reads as anger even without an angry word.
  const shouted = (text.match(/\b[A-Z]{3,}\b/g) ?? []).filter(
    (w) => !/^(?:API|URL|SSO|CSV|PDF|UTC|EU|US|ID|HTTP|SLA|CEO|GDPR|SQL|UI)$/.test(w),
  );
  if (shouted.length >= 3) {
    scores.angry.score = 1 - (1 - scores.angry.score) * 0.4;
    scores.angry.evidence.push(`${shouted.length} words in capitals`);
  }
  const negative = NEGATIVE.map((t) => ({ t, ...scores[t] })).sort((a, b) => b.score - a.score)[0]!;
  // Anger outranks frustration when both are clearly present: the stronger emotion is what an agent must meet.
  const strongest =
    scores.angry.score >= 0.5 && negative.t !== "angry" ? { t: "angry" as const, ...scores.angry } : negative;
  if (strongest.score >= 0.45)
    return { tone: strongest.t, confidence: round(strongest.score), evidence: strongest.evidence };
  if (scores.positive.score >= 0.45)
    return { tone: "positive", confidence: round(scores.positive.score), evidence: scores.positive.evidence };
  return { tone: "neutral", confidence: 0.6, evidence: [] };
}

/** The trend from the tones in order: the latest against the mean of the earlier ones. */
export function trendOf(history: readonly Sentiment[]): SentimentTrend {
  if (history.length < 2) return "unknown";
  const last = VALENCE[history.at(-1)!];
  const earlier = history.slice(0, -1).reduce((s, t) => s + VALENCE[t], 0) / (history.length - 1);
  if (last - earlier <= -0.75) return "worsening";
  if (last - earlier >= 0.75) return "improving";
  return "steady";
}

/** Sentiment of the latest customer message, with the trend over all of them (oldest first). */
export function readSentiment(customerMessages: readonly string[]): SentimentTriage {
  if (!customerMessages.length) {
    return {
      value: "neutral",
      confidence: 0.3,
      reason: "No words from the customer to read yet.",
      trend: "unknown",
      history: [],
    };
  }
  const tones = customerMessages.map(readTone);
  const history = tones.map((t) => t.tone);
  const latest = tones.at(-1)!;
  const trend = trendOf(history);
  const because = latest.evidence.length
    ? `, from ${latest.evidence
        .slice(0, 2)
        .map((e) => `"${e}"`)
        .join(" and ")}`
    : "";
  const across =
    history.length > 1 ? `; across ${history.length} messages it went ${history.join(" → ")} (${trend})` : "";
  return {
    value: latest.tone,
    confidence: latest.confidence,
    reason: `The customer's latest message reads ${latest.tone}${because}${across}.`,
    trend,
    history,
  };
}
