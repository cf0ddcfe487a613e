/**
 * Finds the phrase families of journey-lexicon.ts in tickets, sentence by sentence, skipping guesses and
 * negated mentions; and the sentences where an agent says our side works as designed or is broken.
 */
import { isNegatedAt, isSpeculative } from "./classify-sentences.ts";
import { CUES, JOURNEY_CATEGORIES, type JourneyCategory } from "./journey-lexicon.ts";
import { splitSentences } from "./tokenize-text.ts";

/** Statements that our side works as designed, which argue against a product cause. */
const EXONERATION =
  /\b(?:is|are|was|were)\s+(?:all\s+)?(?:right|correct|accurate)\s+(?:for|given|based on|from)\b|\bworking as (?:designed|intended|configured|expected)\b|\brunning as configured\b|\bas designed\b|\bby design\b|\bno defect\b|\bnot a (?:bug|defect)\b/i;
/** Statements that our side is broken. */
const DEFECT =
  /\b(?:reproduced|repro|regression|bug in|a bug|defect in|confirmed as a (?:bug|defect|regression))\b/i;

/** One cue found in a ticket. */
export interface CueMatch {
  readonly category: JourneyCategory;
  readonly label: string;
  readonly weight: number;
  readonly sentence: string;
  readonly author: "customer" | "agent" | "system" | "text";
}

/** A piece of ticket text and who wrote it. */
export interface AuthoredText {
  readonly text: string;
  readonly author: CueMatch["author"];
}

/** All journey cues in `texts`, guesses skipped; each label counts once per category. */
export function findCues(texts: readonly AuthoredText[]): CueMatch[] {
  const found = new Map<string, CueMatch>();
  for (const { text, author } of texts) {
    for (const sentence of splitSentences(text)) {
      if (isSpeculative(sentence)) continue;
      for (const category of JOURNEY_CATEGORIES) {
        for (const cue of CUES[category]) {
          const key = `${category}:${cue.label}`;
          if (found.has(key)) continue;
          const m = cue.pattern.exec(sentence);
          if (!m || (cue.negatable && isNegatedAt(sentence, m.index))) continue;
          if (cue.authors && !cue.authors.includes(author)) continue;
          found.set(key, { category, label: cue.label, weight: cue.weight, sentence, author });
        }
      }
    }
  }
  return [...found.values()];
}

/** Sentences in `texts` saying our side behaves as designed. */
export function findExonerations(texts: readonly AuthoredText[]): string[] {
  return texts.flatMap((t) => splitSentences(t.text).filter((s) => EXONERATION.test(s) && !isSpeculative(s)));
}

/** Sentences in agent-written `texts` saying our side is broken (reproduced, regression, bug). */
export function findDefectStatements(texts: readonly AuthoredText[]): string[] {
  return texts
    .filter((t) => t.author === "agent")
    .flatMap((t) => splitSentences(t.text).filter((s) => DEFECT.test(s) && !/\bno defect\b/i.test(s)));
}

export { JOURNEY_CATEGORIES, type JourneyCategory };
