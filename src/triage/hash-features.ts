/**
 * Text to a sparse feature vector for the topic learner: word unigrams and bigrams plus character 3- to
 * 5-grams inside word boundaries (they catch typos and word forms: "recieved", "topping"), hashed into a fixed
 * number of buckets so memory does not grow with the vocabulary.
 */

/** Number of hash buckets (2^20): collisions stay rare at a few hundred thousand distinct n-grams. */
export const BUCKETS = 1 << 20;
const MASK = BUCKETS - 1;

/** FNV-1a over the string's UTF-16 code units, with a seed per feature family so families do not collide. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** Lower-cased word tokens (letters and digits, apostrophes dropped: "hasn't" → "hasnt"). */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/['’]/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Raw term counts by bucket. */
export function countFeatures(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (key: number) => counts.set(key, (counts.get(key) ?? 0) + 1);
  const words = wordsOf(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(hash(w, 1));
    if (i > 0) add(hash(`${words[i - 1]} ${w}`, 2));
    const padded = ` ${w} `;
    for (let n = 3; n <= 5; n++) {
      for (let s = 0; s + n <= padded.length; s++) add(hash(padded.slice(s, s + n), 3));
    }
  }
  return counts;
}
