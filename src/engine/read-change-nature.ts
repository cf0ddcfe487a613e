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
/** A family of phrases and how strongly one of them says "this is what the change is". */
type Signals = readonly (readonly [RegExp, number])[];

const INTENDED: Signals = [
  [
    /\b(?:deprecat\w*|retir(?:ed|es|ement|ing)|sunset\w*|end of (?:life|support)|no longer|removed support|discontinu\w*)\b/i,
    1,
  ],
  [
    /\b(?:default\w*|now (?:require[sd]?|reject\w*|appl(?:y|ies)|count\w*|include[sd]?|use[sd]?|enforce[sd]?|sends?|returns?)|switch(?:ed|es)? (?:to|from)|instead of)\b/i,
    0.8,
  ],
  [
    /\b(?:polic(?:y|ies)|ceiling|quota|per-(?:key|user|account|org)|enforce\w*|stricter|lowered|raised|shortened|tightened|limit(?:s|ed)? (?:to|of|at))\b/i,
    0.7,
  ],
  [/\b(?:pricing|price list|list price|price change|new prices?)\b/i, 0.8],
  [
    /\b(?:announced|advance notice|heads-up|changelog|effective (?:from|on)|takes? effect|migration guide)\b/i,
    0.5,
  ],
];

const DEFECT: Signals = [
  [
    /\b(?:regression|bug|defect|unintended|inadvertent\w*|accidental\w*|by mistake|mistaken\w*|erroneous\w*|silently)\b/i,
    1,
  ],
  [/\b(?:supposed to|should (?:have|not)|meant to|was to|expected to) (?:leave|keep|be|stay|work)\b/i, 0.8],
  [
    /\b(?:new|rewritten|refactor\w*|reworked|rewrite|shared)\b[^.]{0,40}\b(?:engine|converter|parser|loader|calculat\w*|handler|pipeline|scheduler|module|library|service|logic)\b/i,
    0.4,
  ],
  [/\b(?:hot-?fix|fix(?:es|ed)? (?:for|to))\b/i, 0.3],
];

const CAPACITY: Signals = [
  [
    /\b(?:outage|degrad\w*|capacity|saturat\w*|overload\w*|backlog|failover|unavailab\w*|down ?time|latency|iops|throughput)\b/i,
    0.8,
  ],
  [
    /\b(?:migrat\w*|provision\w*|resiz\w*|downsiz\w*|scal(?:ed|ing) (?:down|in)|moved? (?:to|onto) (?:a |the )?new (?:host|volume|cluster|hardware|server|region))\b/i,
    0.6,
  ],
  [
    /\b(?:database|db|storage|volume|disk|cluster|nodes?|broker|servers?|hardware|shards?|replicas?|cache|edge|cdn|datacent(?:er|re)|data cent(?:er|re)|hosts?|instance)\b/i,
    0.4,
  ],
];

const BILLING: Signals = [
  [
    /\b(?:billing|invoic\w*|subscriptions?|order forms?|contract terms?|price protection|rate card|metering|true-?up|prorat\w*|credit notes?|payment terms|booked|booking)\b/i,
    1,
  ],
];

const PROCESS: Signals = [
  [
    /\b(?:support (?:process|team|queue|macro)|intake|triage|routing|queues?|hand-?off|hand-?over|book of business|csm (?:book|assignment)|ticket(?:ing)? (?:form|system)|escalation path|on-?call rota)\b/i,
    1,
  ],
];

/** The strongest signals present, summed and capped at 1. */
function strength(signals: Signals, text: string): number {
  return Math.min(
    1,
    signals.reduce((sum, [re, w]) => sum + (re.test(text) ? w : 0), 0),
  );
}

/**
 * How strongly a change reads as each category, from its record and from what staff wrote when they tied
 * the symptom to it ("engineering confirmed the bug", "the volume sits at its IOPS ceiling since the move").
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
  const said = mentions
    .filter((m) => m.changeId === change.id && m.voice === "staff" && m.stance === "implicates")
    .map((m) => m.sentence);
  const text = [change.title, change.description ?? "", ...said].join(". ");
  return {
    product_defect: strength(DEFECT, text),
    vendor_change: strength(INTENDED, text),
    infrastructure: strength(CAPACITY, text),
    billing: strength(BILLING, text),
    process_failure: strength(PROCESS, text),
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
