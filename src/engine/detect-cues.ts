/**
 * Phrases that point at customer-journey and process causes, read sentence by sentence from tickets:
 * usage notices against a limit, implementation steps left undone, reliance on our documentation,
 * promises from the sales process, tickets bounced between teams, invoice disputes, bad imported data.
 * The lexicons describe how these situations are talked about in support, not any one product.
 */
import type { Category } from "../domain/categories.ts";
import { isNegatedAt, isSpeculative } from "./classify-sentences.ts";
import { splitSentences } from "./tokenize-text.ts";

/** Categories whose causal item is usually a ticket trail rather than a change. */
export const JOURNEY_CATEGORIES = [
  "usage_growth",
  "onboarding_gap",
  "documentation_gap",
  "expectation_mismatch",
  "process_failure",
  "billing",
  "data_quality",
] as const satisfies readonly Category[];

/** One of the ticket-trail categories. */
export type JourneyCategory = (typeof JOURNEY_CATEGORIES)[number];

interface Cue {
  readonly label: string;
  readonly pattern: RegExp;
  readonly weight: number;
  /** Skip matches preceded by a negation ("this isn't about your invoice"). */
  readonly negatable?: boolean;
}

const LIMIT = "(?:allowance|quota|limit|cap)";
const DOC =
  "(?:docs?|documentation|guide|article|page|example|snippet|sample code|tutorial|readme|help[- ]cent(?:er|re))";

const CUES: Readonly<Record<JourneyCategory, readonly Cue[]>> = {
  usage_growth: [
    {
      label: "plan limit",
      pattern: /\b(?:allowance|quota|rate[- ]limit(?:s|ed)?|plan limit)\b/i,
      weight: 1,
      negatable: true,
    },
    {
      label: "limit reached",
      pattern: new RegExp(
        `\\b(?:reached|exceeded|exceeding|hit|over|above|outgr[eo]wn?)\\s+(?:the\\s+|its\\s+|your\\s+|their\\s+|our\\s+)?(?:[\\w-]+\\s+){0,3}?${LIMIT}`,
        "i",
      ),
      weight: 1.5,
      negatable: true,
    },
    {
      label: "usage notice",
      pattern: new RegExp(
        `\\b\\d{2,3}(?:\\.\\d)?\\s?%\\s+of\\s+(?:the\\s+|its\\s+|your\\s+|their\\s+)?(?:[\\w-]+\\s+){0,3}?(?:${LIMIT}|capacity)`,
        "i",
      ),
      weight: 1.5,
    },
    { label: "throttled", pattern: /\b(?:throttl\w*|too many requests)\b/i, weight: 1 },
    {
      label: "growth",
      pattern: /\b(?:grew|grown|growth|went from|up from|increased from)\b[^.]{0,40}\d/i,
      weight: 0.5,
    },
    {
      label: "plan upgrade",
      pattern: /\bupgrade\b[^.]{0,30}\bplan\b|\bhigher (?:plan|tier|limit)\b/i,
      weight: 0.75,
    },
  ],
  onboarding_gap: [
    {
      label: "implementation step left undone",
      pattern:
        /\b(?:not (?:yet )?(?:started|delivered|completed|done|configured|set up|rolled out|enabled|trained)|never (?:set up|configured|enrolled|completed|delivered|trained|rolled out|enabled)|(?:training|session|module|phase|rollout|implementation|onboarding|setup)\b[^.]{0,40}\b(?:cancel+ed|not delivered|skipped|deferred|postponed|rescheduled|no date))\b/i,
      weight: 1.5,
    },
    {
      label: "deferred past go-live",
      pattern:
        /\bpost[- ]go[- ]live\b|\bhypercare (?:closed|ended)\b|\b(?:SOW|statement of work)\b[^.]{0,40}\b(?:used up|timebox|ended)\b|\bto be scheduled by the customer\b/i,
      weight: 1.5,
    },
    {
      label: "nothing configured",
      pattern:
        /\b(?:configured|enrolled|set up|installed)\b[^.:]{0,40}:\s*0\b|\b(?:no|zero)\s+(?:\w+\s+){0,2}(?:configured|enrolled|installed|trained)\b|\bnone (?:are|is|were) (?:enrolled|configured|set up)\b/i,
      weight: 1.5,
    },
    {
      label: "implementation",
      pattern: /\b(?:go[- ]live|kick-?off|onboarding|implementation|rollout|hypercare)\b/i,
      weight: 0.3,
    },
    {
      label: "needs training",
      pattern:
        /\b(?:someone who (?:actually )?knows|need(?:s|ed)? (?:more )?training|(?:in|from) the old system)\b/i,
      weight: 0.5,
    },
  ],
  documentation_gap: [
    {
      label: "followed our documentation",
      pattern: new RegExp(
        `\\b(?:follow(?:ed|ing)?|copied|according to|as documented in|based on)\\s+(?:the\\s+|your\\s+|our\\s+)?(?:['‘’"“”\\w-]+\\s+){0,5}?${DOC}`,
        "i",
      ),
      weight: 1.5,
    },
    {
      label: "documentation says",
      pattern: new RegExp(`\\b${DOC}\\s+(?:says?|said|shows?|tells?|states?|recommends?|tab)\\b`, "i"),
      weight: 1,
    },
    {
      label: "our documentation is the cause",
      pattern: new RegExp(
        `\\b(?:that|this) is (?:the |our )?(?:code|example|snippet|wording|text) (?:on|in|from) our\\b|\\bour ${DOC}\\b[^.]{0,40}\\b(?:wrong|incorrect|outdated|out of date|missing|unclear|misleading)\\b`,
        "i",
      ),
      weight: 2,
    },
    {
      label: "documentation is wrong",
      pattern: new RegExp(
        `\\b${DOC}\\b[^.]{0,40}\\b(?:outdated|out of date|wrong|incorrect|unclear|confusing|misleading|does(?:n't| not) (?:mention|say|cover))\\b`,
        "i",
      ),
      weight: 1.5,
    },
  ],
  expectation_mismatch: [
    {
      label: "sales document promised",
      pattern:
        /\b(?:proposal|order form|contract|quote|demo|pitch|sales deck|slide \d+)\s+(?:section \d+\s+)?(?:says?|said|states?|promised|showed|shows|included|lists?)\b|\b(?:per|according to|in) (?:the|our) (?:proposal|order form|quote|sales deck|demo)\b/i,
      weight: 1.5,
    },
    {
      label: "not what was sold",
      pattern:
        /\b(?:promised|we were told|was told|told us|were sold|was sold|signed up for|what we (?:bought|paid for|signed)|not what we|nothing like what|the reason we signed|we signed the)\b/i,
      weight: 1.5,
    },
    {
      label: "sales contact",
      pattern: /\b(?:account executive|salesperson|sales rep|our AE)\b/i,
      weight: 0.75,
    },
    {
      label: "needs another plan",
      pattern:
        /\b(?:requires?|needs?|only (?:on|in|with)|part of|available (?:on|in)|included (?:on|in))\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:plan|edition|tier)\b/i,
      weight: 0.75,
    },
  ],
  process_failure: [
    {
      label: "handed between teams",
      pattern:
        /\b(?:moving|moved|passing|passed|sending|sent|transferr?(?:ing|ed)|assigning|assigned|reassign\w*|forward(?:ing|ed)|routing|routed|handing|handed|returning)\s+(?:it\s+|this\s+|your ticket\s+|you\s+)?(?:back\s+)?(?:to|over to)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:queue|team|desk|department)\b|\b(?:sending|sent|passing|passed|returning|handing|bouncing)\s+(?:it\s+|this\s+)?back to\b/i,
      weight: 1,
    },
    {
      label: "closed without resolution",
      pattern:
        /\b(?:closed automatically|auto-?closed|automatically closed|you closed (?:our|my|the) ticket|closed (?:it |the ticket |our ticket )?on (?:us|them))\b/i,
      weight: 1.5,
    },
    {
      label: "request lost",
      pattern:
        /\bnever (?:reached|arrived|made it|got to)\b|\bno (?:request|task|ticket)\b[^.]{0,40}\b(?:reached|created|opened)\b|\bfell through\b/i,
      weight: 1.5,
    },
    {
      label: "nobody owned it",
      pattern:
        /\bno (?:csm|owner|account manager|one owns)\b|\bnobody (?:ever )?(?:owns|owned|followed up|got back|told|responded|replied|contacted|asked)\b|\b(?:person|team) to (?:person|team)\b|\bcontact list is empty\b/i,
      weight: 1.2,
    },
    {
      label: "SLA missed",
      pattern: /\b(?:sla|response time|first response)\b[^.]{0,30}\b(?:breach\w*|missed|exceeded)\b/i,
      weight: 1.2,
    },
    { label: "pending customer", pattern: /\bpending customer\b/i, weight: 0.5 },
  ],
  billing: [
    {
      label: "invoice",
      pattern: /\b(?:invoice[ds]?|invoicing|INV-\d+|proforma)\b/i,
      weight: 1,
      negatable: true,
    },
    {
      label: "credit or dispute",
      pattern:
        /\b(?:credit (?:note|memo|request)|CR-\d+|dispute[ds]?|overbill\w*|double[- ]billed|charged twice|duplicate (?:invoice|charge|subscription)|billed (?:twice|again))\b/i,
      weight: 1.2,
      negatable: true,
    },
    {
      label: "collections",
      pattern: /\b(?:collections?|dunning|overdue|suspension notice|suspended for)\b/i,
      weight: 1,
      negatable: true,
    },
    {
      label: "subscription terms",
      pattern: /\b(?:subscription|prorat\w+|co-?terminous|payment terms|purchase order)\b/i,
      weight: 0.75,
      negatable: true,
    },
  ],
  data_quality: [
    {
      label: "import or migration",
      pattern:
        /\b(?:import(?:ed|er|ing)?|migrat(?:ed|ion|ing)|exported (?:from|as)|csv|spreadsheet|bulk (?:load|upload)|legacy system|previous system)\b/i,
      weight: 1,
    },
    {
      label: "rows rejected or invalid",
      pattern:
        /\b\d[\d,]*\s+(?:\w+\s+)?rows?\b[^.]{0,40}\b(?:rejected|failed|skipped|invalid)\b|\binvalid (?:date|value|format|data|number)s?\b|\bmalformed\b|\bformat (?:mismatch|error)\b/i,
      weight: 1.5,
    },
    {
      label: "stored data differs from the source",
      pattern:
        /\b(?:record|data|values?|history|field)s?\b[^.]{0,40}\b(?:doesn't|does not|don't|do not|didn't) match\b|\b(?:on|in) (?:the )?record\b|\bstored (?:values?|data|history)\b[^.]{0,60}\b(?:wrong|incorrect|differ\w*|\d+x)\b|\bswapped\b|\btransposed\b|\bbad data\b|\bdata (?:is|was|were) (?:wrong|incorrect)\b/i,
      weight: 1.5,
    },
    {
      label: "records fixed by hand",
      pattern:
        /\b(?:corrected|fixed|entered|adjusted)\b[^.]{0,40}\b(?:by hand|manually|that record|the record|in the ui)\b/i,
      weight: 0.75,
    },
  ],
};

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
