/**
 * Phrase matching shared by the policy-risk, sentiment and urgency readers: intent patterns over one
 * sentence at a time, with negation ("we do not want a refund") and question handling ("what is your refund
 * policy?"), so a single word never decides on its own.
 */

/** One pattern: a regular expression over a lower-cased sentence, and how it behaves. */
export interface PhrasePattern {
  readonly re: RegExp;
  /** How strongly a match signals the class (0..1). */
  readonly weight: number;
  /** A question asking about the topic ("how do refunds work?") does not count; a request phrased as one does. */
  readonly notInQuestion?: boolean;
  /** A negation just before the match ("no", "not", "never", "don't") cancels it. */
  readonly negatable?: boolean;
}

/** A pattern that matched, with the words it matched. */
export interface PhraseHit {
  readonly weight: number;
  readonly text: string;
}

// A negation counts only within three words of the phrase: "we do not want a refund" is negated, while in
// "if this is not fixed we will file a chargeback" the "not" belongs to another clause.
const NEGATION =
  /\b(?:no|not|never|without|don't|dont|doesn't|didn't|isn't|aren't|won't|wouldn't|nothing|neither|nor)\s+(?:[^\s.,;!?]+\s+){0,3}$/;
const QUESTION_OPENER =
  /^(?:how|what|what's|where|when|which|who|why|is|are|does|do|can|could|would|will|should|may)\b/;

/** Splits text into sentences (keeping the question mark, so questions can be recognised). */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** True when the sentence asks something rather than states or demands it. */
export function isQuestion(sentence: string): boolean {
  const s = sentence.trim().toLowerCase();
  return s.endsWith("?") || QUESTION_OPENER.test(s);
}

/** Every pattern that matches one sentence, after negation and question handling. */
export function matchSentence(sentence: string, patterns: readonly PhrasePattern[]): PhraseHit[] {
  const lower = sentence.toLowerCase().replace(/[’‘]/g, "'");
  const question = isQuestion(lower);
  const hits: PhraseHit[] = [];
  for (const p of patterns) {
    const m = p.re.exec(lower);
    if (!m) continue;
    if (p.notInQuestion && question) continue;
    if (p.negatable !== false && NEGATION.test(lower.slice(0, m.index))) continue;
    hits.push({ weight: p.weight, text: m[0].trim() });
  }
  return hits;
}

/** All hits over all sentences of `text`. */
export function matchText(text: string, patterns: readonly PhrasePattern[]): PhraseHit[] {
  return sentencesOf(text).flatMap((s) => matchSentence(s, patterns));
}

/** Combines hit weights into one confidence: independent evidence, so 1 - Π(1 - w). */
export function combineWeights(hits: readonly PhraseHit[]): number {
  return 1 - hits.reduce((rest, h) => rest * (1 - h.weight), 1);
}
