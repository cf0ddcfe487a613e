/**
 * Sentence-level reading of support prose. Customers and colleagues often guess at causes ("is it the new
 * short link thing you launched?", "our payroll manager says it started with your update"); a careful
 * analyst notes the guess but does not count it as a symptom, so guesses are kept out of the problem's
 * vocabulary and out of cue matching.
 */

const CHANGE_WORDS =
  /\b(?:update[ds]?|release[ds]?|upgrade[ds]?|deploy\w*|migration|migrated|version|roll(?:ed)?\s*(?:it\s+|us\s+)?back|launch\w*|pushed|shipped|changed|moved|switched|load|v?\d+\.\d+)\b/i;
const CAUSE_WORDS =
  /\b(?:because|related|cause[sd]?|why|break|broke|broken|mess(?:ed)?\s+up|blame|fault|coincidence)\b/i;
const GUESS_OPENERS =
  /^(?:is|was|did|could|might|are|were|would|can)\s+(?:it|that|this|the|your|our|you|we)\b/i;
const HEARSAY = /\b(?:says?|said|thinks?|suspects?|heard|saw|assumed?|believes?)\b/i;

/** True when the sentence asks something ("...?" at the end). */
export function isQuestion(sentence: string): boolean {
  return /\?\s*\W*$/.test(sentence);
}

/**
 * True when the sentence guesses at a cause rather than reporting what happened: a question about a
 * change or a cause, or hearsay that blames a change.
 */
export function isSpeculative(sentence: string): boolean {
  const s = sentence.trim();
  if (isQuestion(s) && (CAUSE_WORDS.test(s) || GUESS_OPENERS.test(s) || CHANGE_WORDS.test(s))) return true;
  return HEARSAY.test(s) && (CHANGE_WORDS.test(s) || CAUSE_WORDS.test(s));
}

/** True when a ticket exists to ask whether some change caused the problem (its subject is a guess). */
export function isSpeculativeTicket(subject: string, description: string | undefined): boolean {
  if (isSpeculative(subject)) return true;
  const first = (description ?? "").split(/(?<=[.!?])\s+/)[0] ?? "";
  return isQuestion(subject) && isSpeculative(first);
}

const NEGATORS =
  /\b(?:no|not|never|none|without|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|cannot|can't|nothing)\b/i;

/**
 * True when the words right before `index` in `sentence` negate what follows ("this isn't about your
 * subscription invoice", "no change to hold rules").
 */
export function isNegatedAt(sentence: string, index: number): boolean {
  const before = sentence.slice(Math.max(0, index - 40), index);
  const words = before.split(/\s+/).slice(-5).join(" ");
  return NEGATORS.test(words);
}
