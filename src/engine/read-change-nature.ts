/**
 * What a change of ours is, which decides the category if it is the cause (the contract's definitions):
 * a bug the deploy introduced (product_defect), an intended and announced change in behaviour, default,
 * policy, limit or price (vendor_change), our capacity, hosting or an outage (infrastructure), a booking
 * or pricing mistake in our billing systems (billing), or a change to how our own teams handle requests
 * (process_failure). Someone else's change has one category by its source.
 */
import type { Change } from "../domain/case-bundle.ts";
import type { Category } from "../domain/categories.ts";
import type { ChangeMention } from "./find-change-mentions.ts";

/** How much a change reads as each category it could be, 0..1. */
export type ChangeNature = Partial<Record<Category, number>>;

const INTENDED = [
  /\b(?:deprecat\w*|retir(?:ed|es|ement|ing)|sunset\w*|end of (?:life|support)|no longer|removed support|discontinu\w*)\b/i,
  /\b(?:default\w*|now (?:require[sd]?|reject\w*|appl(?:y|ies)|count\w*|include[sd]?|use[sd]?|enforce[sd]?|send[s]?|return[s]?)|switch(?:ed|es)? (?:to|from)|moved? to|instead of|replac(?:ed|es|ing))\b/i,
  /\b(?:polic(?:y|ies)|ceiling|quota|limit(?:s|ed)?|threshold|per-(?:key|user|account|org)|enforce\w*|stricter|lowered|raised|shortened|tightened)\b/i,
  /\b(?:announced|notice|changelog|advance notice|heads-up|effective (?:from|on)|takes? effect|migration guide)\b/i,
  /\b(?:pricing|price list|list price|price change|new prices?)\b/i,
];

const DEFECT = [
  /\b(?:regression|bug|defect|unintended|unexpected(?:ly)?|inadvertent\w*|silently|accidental\w*|by mistake|mistaken\w*|erroneous\w*)\b/i,
  /\b(?:supposed to|should (?:have|not)|meant to|was to) (?:leave|keep|be|stay|work)\b/i,
  /\b(?:fix(?:es|ed)?|hotfix|patch(?:es|ed)?) (?:for|to)\b/i,
  /\b(?:new|rewritten|refactor\w*|reworked|moved to the shared|rewrite)\b[^.]{0,40}\b(?:engine|converter|parser|loader|calculat\w*|handler|pipeline|scheduler|module|library|service)\b/i,
];

const CAPACITY = [
  /\b(?:outage|degrad\w*|capacity|latency|saturat\w*|overload\w*|backlog|failover|unavailab\w*|down ?time)\b/i,
  /\b(?:database|db|storage|volume|disk|iops|cluster|node|broker|instance|server|hardware|shard|replica|cache|edge|cdn|network|datacent(?:er|re)|data cent(?:er|re))\b/i,
  /\b(?:migrat\w*|provision\w*|resiz\w*|downsiz\w*|scal(?:ed|ing) (?:down|in)|moved? (?:to|onto) (?:a |the )?new (?:host|volume|cluster|hardware|server))\b/i,
];

const BILLING = [
  /\b(?:billing|invoic\w*|subscription|order form|contract terms?|renewal|price protection|rate card|metering|true-?up|proration|prorat\w*|credit note|payment terms)\b/i,
];

const PROCESS = [
  /\b(?:support (?:process|team|queue|macro)|intake|triage|routing|queue|handoff|hand-?over|book of business|csm (?:book|assignment)|ticket(?:ing)? (?:form|system)|escalation path|on-?call rota)\b/i,
];

function share(patterns: readonly RegExp[], text: string): number {
  return patterns.filter((p) => p.test(text)).length / patterns.length;
}

/**
 * How strongly a change reads as each category. Staff sentences about it count: "engineering confirmed the
 * bug" makes a release a defect whatever its notes say.
 */
export function readChangeNature(change: Change, mentions: readonly ChangeMention[]): ChangeNature {
  switch (change.source) {
    case "customer_config":
    case "customer_org":
      return { customer_change: 1 };
    case "third_party":
      return { third_party: 1 };
    case "incident":
      return { infrastructure: 1 };
    default:
      break;
  }
  const text = `${change.title}. ${change.description ?? ""}`;
  const implicated = mentions.some((m) => m.changeId === change.id && m.stance === "implicates");
  return {
    product_defect: Math.min(1, share(DEFECT, text) * 2 + (implicated ? 0.5 : 0)),
    vendor_change: Math.min(1, share(INTENDED, text) * 1.5),
    infrastructure: Math.min(1, share(CAPACITY, text) * 1.2),
    billing: share(BILLING, text),
    process_failure: share(PROCESS, text),
  };
}

/** The categories a change could have as the cause, for one candidate each. */
export function possibleCategories(change: Change): Category[] {
  switch (change.source) {
    case "customer_config":
    case "customer_org":
      return ["customer_change"];
    case "third_party":
      return ["third_party"];
    case "incident":
      return ["infrastructure"];
    default:
      return ["product_defect", "vendor_change", "infrastructure", "billing", "process_failure"];
  }
}
