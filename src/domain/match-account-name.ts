/**
 * Whether a query can mean an account by its name, judged on whole words. Fuzzy scorers (Fuse) compare
 * letters anywhere in the name, so "Inc" scored well against "Calder Finch" (f-INC-h) and opened a war-room
 * for the wrong account. A name is a candidate only when one of the query's words starts one of the name's
 * words (one typo allowed in longer words); the scorer then ranks the candidates. Ids are never
 * matched here: an id is compared whole by each CRM.
 */

/** The words of a text, lowercased: runs of letters and digits in any script. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when `a` and `b` differ by at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A query word names a name word: its start, or (five letters or more, the first one right) its start with
 * one typo. "inch" is not "finch".
 */
function wordMatches(queryWord: string, nameWord: string): boolean {
  if (nameWord.startsWith(queryWord)) return true;
  if (queryWord.length < 5 || queryWord[0] !== nameWord[0]) return false;
  return withinOneEdit(queryWord, nameWord) || withinOneEdit(queryWord, nameWord.slice(0, queryWord.length));
}

/** True when `name` is the query (any case), or one of the query's words begins one of the name's words. */
export function nameMatchesQuery(query: string, name: string): boolean {
  if (name.trim().toLowerCase() === query.trim().toLowerCase()) return true;
  const named = wordsOf(name);
  return wordsOf(query).some((q) => named.some((n) => wordMatches(q, n)));
}
