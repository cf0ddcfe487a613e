/**
 * The question asked when a name does not name one account for sure, in words that fit the case: one
 * account that only resembles the name is asked about by name, several are counted.
 */

/** "Did you mean Copperline HVAC (ACC-0001)?" or `"Dental" matches 2 accounts. Which one?`. */
export function accountChoiceQuestion(query: string, matches: { accountId: string; name: string }[]): string {
  const [only] = matches;
  if (matches.length === 1 && only)
    return `No account is named "${query}". Did you mean ${only.name} (${only.accountId})?`;
  return `"${query}" matches ${matches.length} accounts. Which one?`;
}
