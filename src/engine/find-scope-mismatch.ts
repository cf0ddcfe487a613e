/**
 * Whether a change can reach this account at all. Changes are often limited to a region ("us-east keys
 * only"), a platform ("iOS release"), a plan ("Scale plan feature") or a deployment ("multi-tenant
 * cluster"), or they exclude one ("macOS pools unaffected"). The account's side comes from its attributes
 * and from what the episode's tickets say it runs ("your tablets run Android 14"). Within one family of
 * such values, a change whose values and the account's never meet cannot be the cause.
 */
import type { Change } from "../domain/case-bundle.ts";
import { splitSentences } from "./tokenize-text.ts";

/** A family of mutually exclusive scope values, and how to find them in text. */
interface Family {
  readonly name: string;
  readonly pattern: RegExp;
  /** Folds spellings of one value together ("EU" and "eu-west" stay apart; "iPhone" becomes "ios"). */
  readonly normalise: (raw: string) => string;
}

const REGION_CODE =
  /\b(?:us|eu|ap|uk|ca|sa|me|af|au|in|jp|br|mx)-(?:east|west|north|south|central|southeast|southwest|northeast|northwest)(?:-\d)?\b/gi;

const FAMILIES: readonly Family[] = [
  { name: "region", pattern: REGION_CODE, normalise: (r) => r.toLowerCase().replace(/-\d$/, "") },
  {
    name: "platform",
    pattern: /\b(?:ios|ipados|iphones?|ipads?|android|macos|mac os|windows|linux|chromeos)\b/gi,
    normalise: (r) => {
      const v = r.toLowerCase().replace(/\s+/g, "");
      if (/^(?:iphones?|ipads?|ipados)$/.test(v)) return "ios";
      return v;
    },
  },
  {
    name: "deployment",
    pattern:
      /\b(?:multi-tenant|shared (?:cluster|infrastructure|tenancy)|dedicated (?:instance|cluster|tenant|environment)|single-tenant|self-hosted|on-prem(?:ise|ises)?)\b/gi,
    normalise: (r) => {
      const v = r.toLowerCase();
      if (/multi|shared/.test(v)) return "shared";
      if (/dedicated|single/.test(v)) return "dedicated";
      return "self-hosted";
    },
  },
];

/** Words that put a value outside the change's reach: "macOS pools unaffected", "Android build in November". */
const EXCLUDING =
  /\b(?:unaffected|not affected|not impacted|unchanged|except|excluding|excluded|exempt|keep|kept|remain|stay|scheduled|planned|will|later|next|upcoming|not yet)\b/i;
/** Words saying an account-side value is fine, so it does not describe what is failing. */
const HEALTHY =
  /\b(?:fine|unaffected|not affected|normal|works?|working|healthy|no (?:problem|issue|errors?)|under a minute)\b/i;

/** Values of each family in a text, split into those a sentence includes and those it excludes. */
export interface ScopeValues {
  readonly included: ReadonlyMap<string, ReadonlySet<string>>;
  readonly excluded: ReadonlyMap<string, ReadonlySet<string>>;
}

function add(map: Map<string, Set<string>>, family: string, value: string): void {
  const set = map.get(family) ?? new Set<string>();
  set.add(value);
  map.set(family, set);
}

function valuesIn(text: string, into: Map<string, Set<string>>, excluded?: Map<string, Set<string>>): void {
  for (const sentence of splitSentences(text)) {
    for (const f of FAMILIES) {
      for (const m of sentence.matchAll(f.pattern)) {
        const value = f.normalise(m[0]);
        const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 60);
        const before = sentence.slice(Math.max(0, m.index - 30), m.index);
        if (excluded && (EXCLUDING.test(after) || /\b(?:except|excluding|not)\s+$/i.test(before)))
          add(excluded, f.name, value);
        else add(into, f.name, value);
      }
    }
  }
}

/** The scope values a change names, included and excluded. */
export function changeScope(change: Change): ScopeValues {
  const included = new Map<string, Set<string>>();
  const excluded = new Map<string, Set<string>>();
  valuesIn(`${change.title}. ${change.description ?? ""}`, included, excluded);
  return { included, excluded };
}

/**
 * The scope values of the account: its attribute values, and what the episode's texts say it runs,
 * leaving out sentences that call something fine or unaffected.
 */
export function accountScope(attributes: Readonly<Record<string, unknown>>, texts: readonly string[]) {
  const out = new Map<string, Set<string>>();
  valuesIn(
    Object.values(attributes)
      .filter((v): v is string => typeof v === "string")
      .join(". "),
    out,
  );
  for (const text of texts) {
    const kept = splitSentences(text).filter((s) => !HEALTHY.test(s));
    valuesIn(kept.join(" "), out);
  }
  return out as ReadonlyMap<string, ReadonlySet<string>>;
}

/** How a change's scope meets the account's: a family where they meet, or one where they cannot. */
export interface ScopeVerdict {
  readonly match?: string;
  readonly mismatch?: string;
}

/** Compares a change's scope with the account's, family by family. */
export function compareScope(
  change: ScopeValues,
  account: ReadonlyMap<string, ReadonlySet<string>>,
): ScopeVerdict {
  let match: string | undefined;
  for (const f of FAMILIES) {
    const mine = account.get(f.name);
    if (!mine || mine.size === 0) continue;
    const inc = change.included.get(f.name);
    const exc = change.excluded.get(f.name);
    const hitsExcluded = [...mine].filter((v) => exc?.has(v) && !inc?.has(v));
    if (hitsExcluded.length > 0)
      return { mismatch: `it leaves out ${hitsExcluded.join(", ")}, which is what this account runs` };
    if (!inc || inc.size === 0) continue;
    const shared = [...mine].filter((v) => inc.has(v));
    if (shared.length === 0)
      return {
        mismatch: `it applies to ${[...inc].join(", ")}, while this account is on ${[...mine].join(", ")}`,
      };
    match ??= `it applies to ${shared.join(", ")}, as this account does`;
  }
  return match ? { match } : {};
}
