/**
 * Policy risk: whether a ticket touches money owed back, a disputed charge, the law, personal data, security,
 * physical safety, health or financial advice. Only intent phrases count ("I want my money back", "we were
 * charged twice"); a question about a policy ("what is your refund policy?") or a negated one does not.
 */

import { combineWeights, matchText, type PhraseHit, type PhrasePattern } from "./match-phrases.ts";
import type { PolicyRisk, TriageField } from "./types.ts";

type Risk = Exclude<PolicyRisk, "none">;

const p = (re: RegExp, weight: number, extra: Partial<PhrasePattern> = {}): PhrasePattern => ({
  re,
  weight,
  ...extra,
});

const ASK =
  "(?:want|need|demand|demanding|request|requesting|expect|expecting|asking for|ask for|like|deserve|insist on|owed|get|give (?:me|us)|issue|process)";

/** Patterns per risk, checked in this order; the first risk with the strongest evidence wins. */
export const POLICY_PATTERNS: Readonly<Record<Risk, readonly PhrasePattern[]>> = {
  refund: [
    p(
      new RegExp(
        String.raw`\b${ASK}\b(?: (?:a|an|my|our|the|full|partial|immediate|prompt))* refunds?\b(?! polic| process| terms| rules)`,
      ),
      0.85,
    ),
    p(/\brefund (?:me|us|the (?:full|whole|entire)|my|our|all)\b/, 0.85),
    p(/\bplease refund\b|\brefund (?:the|this|that|it)\b/, 0.75, { notInQuestion: true }),
    p(/\b(?:money|payment|fees?) back\b/, 0.8),
    p(/\bcharge ?backs?\b|\bfile a (?:dispute|claim) with (?:my|our) (?:bank|card)/, 0.9),
    p(
      /\bwhere is (?:my|our) refund\b|\brefund (?:has not|hasn't|never) (?:arrived|come|been processed)/,
      0.8,
      { negatable: false },
    ),
    p(/\bcancel\b[^.?!]{0,40}\band refund\b/, 0.85),
  ],
  billing_dispute: [
    p(
      /\b(?:charged|billed|invoiced) (?:us |me )?(?:twice|two times|double|two times|again)\b|\bdouble[- ]charged?\b|\bduplicate (?:charge|payment|invoice)s?\b/,
      0.9,
      { negatable: false },
    ),
    p(/\bover-?charged\b|\bover-?billed\b/, 0.85),
    p(
      /\b(?:dispute|disputing|contest|contesting)\b[^.?!]{0,30}\b(?:charge|invoice|bill|fee|amount)s?\b/,
      0.9,
    ),
    p(
      /\b(?:wrong|incorrect|unexpected|unauthori[sz]ed|mysterious|unknown) (?:charge|amount|invoice|bill|fee|payment)s?\b/,
      0.75,
    ),
    p(
      /\b(?:did not|didn't|never) (?:authori[sz]e|agree to|approve|sign up for|order)\b[^.?!]{0,30}\b(?:charge|payment|upgrade|plan|seats?|invoice)/,
      0.85,
      { negatable: false },
    ),
    p(/\bbilled for\b[^.?!]{0,30}\b(?:we|i) (?:don't|do not|never|no longer)\b/, 0.8, { negatable: false }),
    p(
      /\b(?:billed|charged|invoiced) (?:us |me )?for\b[^.?!]{0,40}\b(?:but|although|while) (?:we|i) (?:only|don't|do not|never|no longer)\b/,
      0.8,
      { negatable: false },
    ),
  ],
  legal: [
    p(/\b(?:our|my) (?:lawyers?|attorneys?|legal (?:team|counsel|department))\b/, 0.85),
    p(
      /\b(?:legal action|lawsuit|sue you|suing|take (?:you|this) to court|small claims|cease and desist)\b/,
      0.95,
    ),
    p(/\bbreach of (?:contract|the (?:contract|agreement|sla|msa))\b/, 0.85),
    p(/\b(?:subpoena|court order|litigation|legal hold)\b/, 0.85),
  ],
  privacy: [
    p(
      /\b(?:gdpr|ccpa|dsar|data subject (?:access )?request|right to be forgotten|right to erasure)\b/,
      0.85,
      { notInQuestion: true },
    ),
    p(
      /\b(?:delete|erase|remove|purge) (?:all )?(?:my|our|their|customer|personal) (?:personal )?(?:data|information|records)\b/,
      0.85,
    ),
    p(
      /\b(?:someone else's|another (?:customer|user|company)'s|other customers') (?:data|records|invoices|details|information)\b/,
      0.9,
      { negatable: false },
    ),
    p(
      /\b(?:personal|customer|patient) (?:data|information) (?:was |were |is )?(?:exposed|leaked|visible|shared)\b/,
      0.9,
    ),
    p(/\b(?:pii|personally identifiable)\b[^.?!]{0,40}\b(?:exposed|leak|visible|shared|sent)/, 0.85),
  ],
  security: [
    p(/\b(?:hacked|compromised|account takeover|unauthori[sz]ed (?:access|login|logins|sign-?ins?))\b/, 0.9),
    p(
      /\b(?:phishing|malware|ransomware|vulnerability|exploit|cve-\d+|security (?:incident|breach|issue|hole))\b/,
      0.85,
      { notInQuestion: true },
    ),
    p(/\b(?:leaked|exposed|stolen) (?:api )?(?:keys?|credentials|passwords?|tokens?|secrets?)\b/, 0.9),
    p(/\bsuspicious (?:login|activity|sign-?in|access)\b/, 0.8),
    p(/\bdata breach\b/, 0.9),
    p(
      /\b(?:api keys?|credentials|passwords?|tokens?|secrets?) (?:was|were|has been|have been|got) (?:leaked|exposed|stolen|compromised)\b/,
      0.9,
    ),
  ],
  safety: [
    p(
      /\b(?:injur(?:y|ed|ies)|hurt|burn(?:ed|s)?|electric shock|caught fire|on fire|smoke|overheat(?:ed|ing|s)?|explod(?:ed|ing)|choking)\b/,
      0.85,
      { notInQuestion: true },
    ),
    p(/\b(?:unsafe|dangerous|hazard(?:ous)?|safety (?:issue|risk|concern|recall))\b/, 0.8, {
      notInQuestion: true,
    }),
    p(
      /\b(?:kill myself|self-harm|suicid\w*|threat(?:en(?:ed|ing)?)? (?:to|of) (?:harm|violence|kill))\b/,
      0.95,
    ),
  ],
  medical: [
    p(
      /\b(?:patients?|medication|prescription|diagnos\w+|symptoms? of|allergic reaction|side effects?|hospital(?:i[sz]ed)?|clinical)\b/,
      0.75,
      { notInQuestion: true },
    ),
    p(/\b(?:hipaa|phi|protected health information|health records?|medical records?)\b/, 0.85),
  ],
  financial: [
    p(/\b(?:fraud(?:ulent)?|scam(?:med)?|money laundering|identity theft)\b/, 0.85),
    p(/\b(?:investment|tax|legal|financial) advice\b/, 0.8),
    p(
      /\b(?:unauthori[sz]ed|unknown|suspicious) (?:transactions?|transfers?|withdrawals?|payments? from)\b/,
      0.85,
    ),
    p(/\b(?:stolen|lost) (?:card|wallet)\b|\bcard (?:was |has been )?stolen\b/, 0.8),
    p(/\b(?:loan|mortgage|credit limit|overdraft|bankrupt\w*|insolven\w*)\b/, 0.6, { notInQuestion: true }),
  ],
};

const LABEL: Record<Risk, string> = {
  refund: "a refund request",
  billing_dispute: "a billing dispute",
  legal: "a legal matter",
  privacy: "a privacy matter",
  security: "a security matter",
  safety: "a safety matter",
  medical: "a medical matter",
  financial: "a financial-risk matter",
};

/** The strongest policy risk in the customer's words, with the phrase that shows it. */
export function detectPolicyRisk(text: string): TriageField<PolicyRisk> {
  let best: { risk: Risk; score: number; hits: PhraseHit[] } | undefined;
  for (const risk of Object.keys(POLICY_PATTERNS) as Risk[]) {
    const hits = matchText(text, POLICY_PATTERNS[risk]);
    if (!hits.length) continue;
    const score = combineWeights(hits);
    if (!best || score > best.score) best = { risk, score, hits };
  }
  if (!best) {
    return {
      value: "none",
      confidence: 0.7,
      reason: "No refund, dispute, legal, privacy, security, safety, medical or financial intent is stated.",
    };
  }
  const quoted = best.hits
    .slice(0, 2)
    .map((h) => `"${h.text}"`)
    .join(" and ");
  return {
    value: best.risk,
    confidence: round(best.score),
    reason: `The customer writes ${quoted}, which reads as ${LABEL[best.risk]}.`,
  };
}

/** Two decimals: enough for an agent, stable in stored JSON. */
export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
