/**
 * Display names of Teams users seen in activities, member lists and Graph answers, for mentions and
 * "confirmed by" lines. A bounded per-process cache: a name that is not known shows as a generic label.
 */
const MAX_NAMES = 5_000;

/** A bounded name cache. */
export function createUserNames() {
  const names = new Map<string, string>();
  return {
    set(userId: string, name: string): void {
      if (!name) return;
      names.delete(userId);
      names.set(userId, name);
      if (names.size > MAX_NAMES) names.delete(names.keys().next().value!);
    },
    get: (userId: string): string | undefined => names.get(userId),
    /** The name, or a short form of the id. */
    display: (userId: string): string => names.get(userId) ?? `user ${userId.slice(0, 8)}`,
  };
}
