/**
 * Turns free text into comparable terms: MiniSearch's Unicode tokenizer splits, the English stopword list
 * (stopword) drops function words, and the Porter stemmer (stemmer) folds inflections, so "refunds",
 * "refunded" and "refunding" meet as one term.
 */
import MiniSearch from "minisearch";
import { stemmer } from "stemmer";
import { eng } from "stopword";

const splitWords: (text: string) => string[] = MiniSearch.getDefault("tokenize");

// Words that carry no symptom or cause in support prose on top of the generic English list.
const DOMAIN_STOPWORDS = [
  "pleas",
  "thank",
  "thanks",
  "hi",
  "hello",
  "asap",
  "today",
  "yesterday",
  "tomorrow",
  "morning",
  "afternoon",
  "evening",
  "week",
  "weeks",
  "day",
  "days",
  "utc",
  "et",
  "cet",
  "cest",
  "jst",
  "cdt",
  "via",
  "also",
  "still",
  "now",
  "will",
  "can",
  "get",
  "got",
  "one",
  "two",
  "us",
  "our",
  "we",
  "you",
  "your",
  "let",
  "know",
  "etc",
  "no",
  "not",
  "ceo",
  "cfo",
  "coo",
  "cto",
  "cmo",
  "cio",
  "vp",
];
const STOPWORDS: ReadonlySet<string> = new Set([...eng, ...DOMAIN_STOPWORDS]);

// Stemming dominates tokenizing cost; support prose reuses a small vocabulary, so a bounded memo pays off.
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  const stemmed = stemmer(word);
  stemCache.set(word, stemmed);
  return stemmed;
}

const NUMERIC = /^[\d.,:%$€£¥₩+-]+[a-z]{0,2}$/;

/** True for tokens that are only digits, amounts or times ("8900", "1.8s", "06:30"): noise for topic matching. */
function isNumeric(word: string): boolean {
  const first = word.charCodeAt(0);
  // Words start with a letter far more often than not; only digit- or sign-led tokens need the regex.
  if (first >= 97 && first <= 122) return false;
  return NUMERIC.test(word);
}

/** Stemmed content terms of `text`, in order, stopwords and bare numbers removed. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const raw of splitWords(text.toLowerCase())) {
    if (raw.length < 2 || STOPWORDS.has(raw) || isNumeric(raw)) continue;
    const stemmed = stem(raw);
    if (stemmed.length < 2 || STOPWORDS.has(stemmed)) continue;
    out.push(stemmed);
  }
  return out;
}

/** Term counts of `text` (stemmed, stopwords removed). */
export function countTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of tokenize(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** The stem of one word, for comparing a single cue word or attribute key against term sets. */
export function stemWord(word: string): string {
  return stem(word.toLowerCase());
}

/**
 * Splits prose into sentences. Support text is informal ("URGENT!!", "any ETA??"), so a sentence ends at
 * . ! ? or a line break followed by space; decimal points ("1.8s") and versions ("v2.4") stay intact.
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=\S)|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
