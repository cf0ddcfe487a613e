/**
 * The named features of the evidence engine: every point of a hypothesis's score is one of these, times
 * its weight in engine-weights.json (fitted from scenarios by scripts/fit-engine-weights.ts), and each
 * carries a note citing the evidence it read. Values are on small, comparable scales (mostly 0..1).
 */

/**
 * The sign a feature's weight must have ("+" for evidence for the candidate, "-" for evidence against,
 * "±" where the data decides, as for base rates and customers' suspicions), and what it measures, as a
 * reviewer reads it next to its weight. The fit never gives a feature the opposite sign: every point of a
 * score pushes the way its feature's name says.
 */
export type Direction = "+" | "-" | "±";

export const FEATURES = {
  // A change as the cause: timing.
  "change.lead-time": [
    "+",
    "1 when the change landed just before the first symptom, falling by half every two days before it",
  ],
  "change.within-week": ["+", "1 when the change landed in the week before the first symptom"],
  "change.after-onset": ["-", "1 when the change landed after the problem had already begun (rules it out)"],
  "change.after-escalation": ["-", "1 when the change landed after the escalation was opened"],
  "change.earlier-symptoms": ["-", "1 when unfixed reports of the same failure predate the change"],
  "change.others-before": [
    "-",
    "1 when other accounts reported the same symptoms before a global change landed",
  ],
  // A change as the cause: what it touched.
  "change.topic": ["+", "share of the change's wording that matches the symptoms (idf-weighted, 0..1)"],
  "change.identifiers": [
    "+",
    "exact error strings, codes or field names from the tickets that the change names",
  ],
  "change.setup": ["+", "how many of the account's own settings (attributes) the change names"],
  "change.area": ["+", "1 when the change's product area is where the episode's tickets are filed"],
  "change.scope-match": ["+", "1 when the change is limited to a region, platform or plan the account has"],
  "change.scope-mismatch": [
    "-",
    "1 when the change is limited to, or excludes, a region, platform or plan so that it cannot reach this account",
  ],
  "change.disclaims-symptom": ["-", "1 when the change's record says it left the failing area alone"],
  "change.disclaims-other": ["-", "1 when the change's record says it left some other area alone"],
  // A change as the cause: what people said about it.
  "change.ruled-out": [
    "-",
    "sentences in the tickets that say the change cannot explain the symptom (agents 1, customers 0.5)",
  ],
  "change.implicated": [
    "+",
    "sentences in the tickets that tie the symptom to the change (a confirmed bug, a repro)",
  ],
  "change.blamed": ["±", "1 when the customer or the summary blames this change: a suspicion, not evidence"],
  "change.denied": [
    "-",
    "1 for the customer's own change when the customer says nothing changed on their side",
  ],
  "change.defect-found": [
    "+",
    "1 when an agent reproduced a fault on our side and did not rule this deploy out",
  ],
  "change.works-as-designed": [
    "-",
    "1 when an agent found our side working as designed (argues against our changes)",
  ],
  // A change as the cause: corroboration.
  "change.related-after": ["+", "other accounts with the same symptoms since the change landed (0..2)"],
  "change.knowledge-same": [
    "+",
    "a knowledge item describing the same symptoms for this kind of change and category",
  ],
  "change.knowledge-other": [
    "-",
    "a knowledge item describing the same symptoms for this change under another category",
  ],
  "change.knowledge-differs": ["-", "1 when knowledge about this change describes a different failure"],
  "change.rejected": ["-", "1 when the war-room already rejected a hypothesis citing this change"],
  // What the causal item is (decides the category).
  "nature.fit": [
    "+",
    "how well the causal item reads as this category (0..1): a bug, an intended change, capacity, billing",
  ],
  "nature.symptom": [
    "+",
    "how well the symptom reads as this category of ours (0..1): things going wrong for a defect, refusals by rule for an intended change, slowness or outages for infrastructure",
  ],
  "category.related-resolved": [
    "+",
    "other accounts' escalations with the same symptoms resolved under this category",
  ],
  // A ticket trail as the cause.
  "trail.cues": [
    "+",
    "strength of the ticket trail's cues for this category, weighted by closeness to the problem",
  ],
  "trail.diagnosis": [
    "+",
    "an agent, engineer or system note in the episode itself states this kind of cause",
  ],
  "trail.summary": ["+", "the escalation summary itself describes this kind of cause"],
  "trail.knowledge": ["+", "a knowledge item of this category whose symptoms match ours"],
  "trail.no-change-fits": ["+", "1 when no change landed shortly before the onset on the same topic"],
  "trail.rejected": ["-", "1 when the war-room already rejected a hypothesis led by this ticket"],
  "onboarding.lifecycle": [
    "+",
    "1 in the first four months after go-live or contract start, 0.5 up to eight months",
  ],
  "onboarding.how-to": ["+", "how-to questions on the same topic before the onset (0..3)"],
  "onboarding.adoption": ["+", "1 when only part of what was bought is in use"],
  "usage.notices": ["+", "1 when usage notices came repeatedly before the failure"],
  "usage.plan-attribute": ["+", "1 when the tickets talk about the account's own limit or allowance setting"],
  "mismatch.repeated": ["+", "1 when the customer raised the gap more than once"],
  "process.handoffs": ["+", "1 when the episode shows three or more kinds of handling failure"],
  "data.computation-right": ["+", "1 when an agent found our calculation right for the stored data"],
  // Priors.
  "prior.change": ["±", "1 for every change as a candidate: the base rate of changes against ticket trails"],
} as const satisfies Record<string, readonly [Direction, string]>;

/** The name of one feature. */
export type FeatureName = keyof typeof FEATURES;

/** One prior per category: how often it is the cause, other things equal. */
export const CATEGORY_PRIOR_PREFIX = "prior.category.";
