/**
 * How support threads talk about causes that live in tickets rather than in a change log: usage running
 * past what the plan includes, implementation steps left undone, promises from the sale, documentation
 * the customer followed, requests lost between teams, contract terms against what was billed, bad data
 * loaded from a file, and the customer's own changes. Each family describes the situation in the many
 * ways people write it, never one product's words.
 */
import type { Category } from "../domain/categories.ts";

/** Categories whose causal item is usually a ticket trail rather than a change record. */
export const JOURNEY_CATEGORIES = [
  "usage_growth",
  "onboarding_gap",
  "documentation_gap",
  "expectation_mismatch",
  "process_failure",
  "billing",
  "data_quality",
  "customer_change",
] as const satisfies readonly Category[];

/** One of the ticket-trail categories. */
export type JourneyCategory = (typeof JOURNEY_CATEGORIES)[number];

/** One phrase family. */
export interface Cue {
  readonly label: string;
  readonly pattern: RegExp;
  readonly weight: number;
  /** Skip matches preceded by a negation ("this isn't about your invoice"). */
  readonly negatable?: boolean;
  /** Only these authors' words count ("we changed our DNS" is the customer's change only in their mouth). */
  readonly authors?: readonly ("customer" | "agent" | "system" | "text")[];
}

const LIMIT = "(?:allowance|quota|limit|cap|entitlement|included|plan)";
const METERED =
  "(?:minutes|calls|requests|credits|units|messages|events|emails|sms|texts|seats|licen[cs]es|hours|storage|gb|tb|mb|api calls|builds|runs|jobs|records|contacts|ingest)";
const DOC =
  "(?:docs?|documentation|guide|article|page|example|snippet|sample(?: code)?|tutorial|readme|quick-?start|help[- ]cent(?:er|re)|knowledge base|reference|playbook|runbook|website|web site|setup instructions|instructions)";
const SALE =
  "(?:proposal|order form|contract|quote|demo|pitch|sales deck|rfp|rfi|tender|statement of work|sow|exhibit|schedule [a-z]\\b|addendum|msa|master agreement)";
const TEAM =
  "(?:queue|team|desk|department|board|group|tier|engineering|billing|finance|support|ops|operations|specialists?)";

export const CUES: Readonly<Record<JourneyCategory, readonly Cue[]>> = {
  usage_growth: [
    {
      label: "plan limit",
      pattern: new RegExp(
        `\\b(?:allowance|quota|rate[- ]limit(?:s|ed)?|plan limit|included ${METERED}|${METERED} (?:allowance|quota|cap))\\b`,
        "i",
      ),
      weight: 1,
      negatable: true,
    },
    {
      label: "limit reached",
      pattern: new RegExp(
        `\\b(?:reached|exceeded|exceeding|hit|over|above|outgr[eo]wn?|ran out of|run out of|used up|exhausted|depleted|consumed|burn(?:ed|t) through)\\s+(?:the\\s+|its\\s+|your\\s+|their\\s+|our\\s+|all\\s+)?(?:[\\w-]+\\s+){0,3}?(?:${LIMIT}|${METERED})|\\b(?:${LIMIT}|${METERED})\\b[^.]{0,30}\\b(?:used up|exhausted|run out|ran out|reached|exceeded|depleted|spent)\\b|\\b\\w*(?:quota|allowance|limit)_?(?:exceeded|exhausted|reached)\\b|\\bover_quota\\b`,
        "i",
      ),
      weight: 1.5,
      negatable: true,
    },
    {
      label: "usage notice",
      pattern: new RegExp(
        `\\b\\d{2,3}(?:\\.\\d)?\\s?%\\s+of\\s+(?:the\\s+|its\\s+|your\\s+|their\\s+)?(?:[\\w-]+\\s+){0,4}?(?:${LIMIT}|capacity|${METERED})|\\b(?:has )?used [\\d,.]+\\s*(?:[kmb]\\b)?\\s*(?:of|out of)\\s+(?:its |your |their |the )?[\\d,.]+`,
        "i",
      ),
      weight: 1.5,
    },
    {
      label: "throttled",
      pattern:
        /\b(?:throttl\w*|too many requests|429|402|payment required|overage|overflow|over the limit)\b/i,
      weight: 1,
    },
    {
      label: "growth",
      pattern:
        /\b(?:grew|grown|growth|doubled|tripled|went from|up from|increased from|rose from|added \d+|\d+ more|new (?:titles|stores|sites|teams|brands|markets|customers|desks))\b[^.]{0,40}/i,
      weight: 0.5,
    },
    {
      label: "plan upgrade",
      pattern:
        /\bupgrade\b[^.]{0,30}\b(?:plan|tier|pack|allowance)\b|\bhigher (?:plan|tier|limit)\b|\b(?:minutes|top-?up|add-?on|capacity) pack\b|\braise (?:the|their|your) (?:limit|allowance|quota)\b/i,
      weight: 0.75,
    },
  ],
  onboarding_gap: [
    {
      label: "implementation step left undone",
      pattern:
        /\b(?:not (?:yet )?(?:started|delivered|completed|done|configured|set up|rolled out|enabled|trained|booked|scheduled|rebooked)|never (?:set up|configured|enrolled|completed|delivered|trained|rolled out|enabled|booked|rebooked|scheduled|turned on|switched on|happened)|(?:training|session|module|phase|rollout|implementation|onboarding|setup|workshop|step|checklist item|task)\b[^.]{0,50}\b(?:cancel+ed|not delivered|skipped|deferred|postponed|rescheduled|no date|left open|still open|parked|descoped|de-scoped|left for later))\b/i,
      weight: 1.5,
    },
    {
      label: "deferred past go-live",
      pattern:
        /\bpost[- ]go[- ]live\b|\bhypercare (?:closed|ended)\b|\b(?:SOW|statement of work)\b[^.]{0,40}\b(?:used up|timebox|ended)\b|\bto be scheduled by the customer\b|\b(?:left|deferred|parked|moved) (?:for|to) (?:phase \d|a later|later|the next|admin training)\b|\bphase (?:2|two)\b[^.]{0,30}\b(?:never|not)\b|\b(?:closed|signed off|sign-?off)\b[^.]{0,40}\b(?:with|while)\b[^.]{0,30}\b(?:open|deferred|outstanding|pending)\b/i,
      weight: 1.5,
    },
    {
      label: "nothing configured",
      pattern:
        /\b(?:configured|enrolled|set up|installed|mapped|created)\b[^.:]{0,40}:\s*0\b|\b(?:no|zero)\s+(?:\w+\s+){0,2}(?:configured|enrolled|installed|trained|mappings?|rules?|jobs?|integrations?|connections?)(?:\s+(?:at all|configured|set up|defined|ever))?\b|\bnone (?:are|is|were) (?:enrolled|configured|set up|mapped)\b|\b(?:still|left) (?:on|at) (?:the )?defaults?\b|\bcloned from\b|\bcopied (?:over )?from the (?:\w+ )?(?:template|default)\b/i,
      weight: 1.5,
    },
    {
      label: "implementation",
      pattern:
        /\b(?:go[- ]live|kick-?off|onboarding|implementation|rollout|hypercare|launch checklist|setup call|sign-?off)\b/i,
      weight: 0.3,
    },
    {
      label: "needs training",
      pattern:
        /\b(?:someone who (?:actually )?knows|need(?:s|ed)? (?:more )?training|(?:in|from) the old system|nobody (?:here )?(?:knows|was trained|was shown)|(?:were|was) never (?:trained|shown)|don't know how to)\b/i,
      weight: 0.5,
    },
  ],
  documentation_gap: [
    {
      label: "followed our documentation",
      pattern: new RegExp(
        `\\b(?:follow(?:ed|ing)?|copied|according to|as documented in|based on|built (?:it )?from|set (?:it )?up (?:exactly )?(?:as|from|per)|exactly as|per)\\s+(?:the\\s+|your\\s+|our\\s+)?(?:['‘’"“”\\w-]+\\s+){0,5}?${DOC}`,
        "i",
      ),
      weight: 1.5,
    },
    {
      label: "documentation says",
      pattern: new RegExp(
        `\\b${DOC}\\s+(?:says?|said|shows?|tells?|told|states?|recommends?|lists?|instructs?|tab)\\b`,
        "i",
      ),
      weight: 1,
    },
    {
      label: "our documentation is the cause",
      pattern: new RegExp(
        `\\b(?:that|this) is (?:the |our )?(?:code|example|snippet|wording|text) (?:on|in|from) our\\b|\\bour ${DOC}\\b[^.]{0,50}\\b(?:wrong|incorrect|outdated|out of date|missing|unclear|misleading|never updated|stale)\\b|\\b${DOC}\\b[^.]{0,40}\\b(?:was|were|has|had) never (?:been )?updated\\b|\\b${DOC}\\b[^.]{0,30}\\bstill (?:lists?|says|shows|describes)\\b`,
        "i",
      ),
      weight: 2,
    },
    {
      label: "documentation is wrong",
      pattern: new RegExp(
        `\\b${DOC}\\b[^.]{0,50}\\b(?:outdated|out of date|wrong|incorrect|unclear|confusing|misleading|stale|does(?:n't| not) (?:mention|say|cover|warn|explain)|never (?:mentions?|says|warns?|explains?)|omits?|leaves? out)\\b`,
        "i",
      ),
      weight: 1.5,
    },
  ],
  expectation_mismatch: [
    {
      label: "sales document promised",
      pattern: new RegExp(
        `\\b${SALE}\\s+(?:section \\d+\\s+)?(?:says?|said|states?|promised|showed|shows|included|lists?|requires?|answered|commits?)\\b|\\b(?:per|according to|in|under) (?:the|our|your) ${SALE}|\\brequirement\\b[^.]{0,40}\\b(?:${SALE}|shall)\\b|\\banswered ['‘"“]?yes\\b`,
        "i",
      ),
      weight: 1.5,
    },
    {
      label: "not what was sold",
      pattern:
        /\b(?:promised|we were told|was told|told us|were sold|was sold|signed up for|what we (?:bought|paid for|signed)|not what we|nothing like what|the reason we signed|we signed the|assured us|were assured|was very clear with your|committed to us|pitched)\b/i,
      weight: 1.5,
    },
    {
      label: "product does not do it",
      pattern:
        /\b(?:(?:does|do|did)n't|(?:does|do|did) not|cannot|can't|never) (?:support|offer|provide|include|do|write|send|sync)\b[^.]{0,40}\b(?:by design|today|yet|at all|on (?:this|your|the) plan)?|\b(?:not (?:a (?:supported )?feature|supported|available|possible|offered)|isn't (?:supported|available|offered)|feature request|on the roadmap|roadmap item|FR-\d+|only (?:reads|covers|supports|syncs|caches)|works as (?:built|designed)|as (?:built|designed))\b/i,
      weight: 1,
    },
    {
      label: "sales contact",
      pattern:
        /\b(?:account executive|salesperson|sales rep|our AE|your AE|sales team|sales engineer|presales)\b/i,
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
      pattern: new RegExp(
        `\\b(?:moving|moved|passing|passed|sending|sent|transferr?(?:ing|ed)|assigning|assigned|reassign\\w*|forward(?:ing|ed)|routing|routed|handing|handed|returning|filed|raised|submitted)\\s+(?:it\\s+|this\\s+|your ticket\\s+|you\\s+)?(?:back\\s+)?(?:to|over to|under|with)\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,2}${TEAM}\\b|\\b(?:sending|sent|passing|passed|returning|handing|bouncing)\\s+(?:it\\s+|this\\s+)?back to\\b`,
        "i",
      ),
      weight: 1,
    },
    {
      label: "closed without resolution",
      pattern:
        /\b(?:closed automatically|auto-?closed|automatically closed|you closed (?:our|my|the) ticket|closed (?:it |the ticket |our ticket )?on (?:us|them)|closed on the assumption|marked (?:as )?(?:done|resolved) (?:without|before))\b/i,
      weight: 1.5,
    },
    {
      label: "request lost",
      pattern: new RegExp(
        `\\bnever (?:reached|arrived|made it|got to|triaged|picked up|assigned|actioned|worked on|saw)\\b|\\bno (?:request|task|ticket|assignee|owner)\\b[^.]{0,40}\\b(?:reached|created|opened|assigned|ever)\\b|\\bfell (?:through|off)\\b|\\b(?:wrong|incorrect|old|archived|retired|deprecated|unmonitored) (?:${TEAM}|form|component|inbox|mailbox|address|link)\\b|\\b(?:archived|retired|unmonitored|unowned)\\b[^.]{0,30}\\b(?:since|queue|board|form|inbox)\\b|\\b(?:doesn't|does not|don't|do not) (?:take|handle|work) (?:\\w+ ){0,3}requests\\b`,
        "i",
      ),
      weight: 1.5,
    },
    {
      label: "nobody owned it",
      pattern:
        /\bno (?:csm|owner|account manager|one owns|one (?:called|followed up))\b|\bnobody (?:ever )?(?:owns|owned|followed up|got back|told|responded|replied|contacted|asked|called|informed|notified|picked)\b|\b(?:person|team) to (?:person|team)\b|\bcontact list is empty\b|\b(?:notes|column|field|list) (?:was |were |is )?(?:left )?empty\b|\bwasn't on (?:the |any )?(?:\w+ )?list\b/i,
      weight: 1.2,
    },
    {
      label: "handoff",
      pattern:
        /\b(?:hand-?over|hand-?off|book[- ]transfer|transfer (?:sheet|list|batch)|taken over (?:your|the) account|new (?:csm|account manager|owner)|macro (?:still )?link\w*|intake form)\b/i,
      weight: 0.75,
    },
    {
      label: "SLA missed",
      pattern:
        /\b(?:sla|response time|first response)\b[^.]{0,30}\b(?:breach\w*|missed|exceeded|paused|stopped)\b|\bpending[- ](?:engineering|internal|customer)\b/i,
      weight: 1.2,
    },
  ],
  billing: [
    {
      label: "invoice",
      pattern: /\b(?:invoice[ds]?|invoicing|INV-\d+|proforma|statement|billed|charged)\b/i,
      weight: 1,
      negatable: true,
    },
    {
      label: "credit or dispute",
      pattern:
        /\b(?:credit (?:note|memo|request)|CR-\d+|dispute[ds]?|overbill\w*|over-?charg\w*|double[- ]billed|charged twice|duplicate (?:invoice|charge|subscription)|billed (?:twice|again)|refund\w*)\b/i,
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
      label: "contract terms",
      pattern: new RegExp(
        `\\b(?:price (?:cap|protection|lock)|capped at|uplift|escalator|rate card|fee schedule|negotiated (?:rate|price|schedule)|interchange|billing metric|billable|true-?up|${SALE})\\b`,
        "i",
      ),
      weight: 1,
      negatable: true,
    },
    {
      label: "booked wrong",
      pattern:
        /\b(?:booked|set up|configured|created|entered|provisioned)\b[^.]{0,40}\b(?:as|on|with|without|under)\b[^.]{0,30}\b(?:subscription|plan|term|metric|schedule|price|pricing|rate|contract)\b|\bsubscription\b[^.]{0,40}\b(?:instead of|rather than|without)\b/i,
      weight: 1.5,
    },
    {
      label: "subscription terms",
      pattern:
        /\b(?:subscription|prorat\w+|co-?terminous|co-?termed|payment terms|purchase order|auto-?renew\w*|list price)\b/i,
      weight: 0.75,
      negatable: true,
    },
  ],
  data_quality: [
    {
      label: "import or migration",
      pattern:
        /\b(?:import(?:ed|er|ing)?|migrat(?:ed|ion|ing)|exported (?:from|as)|csv|spreadsheet|excel|bulk (?:load|upload)|legacy (?:system|database|data)|previous system|source (?:file|system|data)|export (?:file|query)|load(?:ed)? file)\b/i,
      weight: 1,
    },
    {
      label: "rows rejected or invalid",
      pattern:
        /\b\d[\d,]*\s+(?:\w+\s+)?(?:rows?|records?|items?)\b[^.]{0,40}\b(?:rejected|failed|skipped|invalid|carry|carried|arrived as|imported as)\b|\binvalid (?:date|value|format|data|number)s?\b|\bmalformed\b|\bformat (?:mismatch|error)\b/i,
      weight: 1.5,
    },
    {
      label: "stored data differs from the source",
      pattern:
        /\b(?:record|data|values?|history|field|codes?)s?\b[^.]{0,40}\b(?:doesn't|does not|don't|do not|didn't) match\b|\b(?:on|in) (?:the )?record\b|\bstored (?:values?|data|history)\b[^.]{0,60}\b(?:wrong|incorrect|differ\w*|\d+x)\b|\bswapped\b|\btransposed\b|\bbad (?:data|records?|rows?)\b|\bdata (?:is|was|were) (?:wrong|incorrect)\b|\b(?:stripped|truncated|dropped|mangled|garbled|lost) (?:the |a |its )?(?:leading|trailing|first|last)?\s*(?:zeros?|digits?|characters?|decimals?|values?|column|field)\b|\bleading zeros?\b|\b(?:mapping|export|query)\b[^.]{0,40}\b(?:skipped|missed|dropped|omitted|ignored)\b/i,
      weight: 1.5,
    },
    {
      label: "records fixed by hand",
      pattern:
        /\b(?:corrected|fixed|entered|adjusted|cleaned)\b[^.]{0,40}\b(?:by hand|manually|that record|the record|in the ui)\b/i,
      weight: 0.75,
    },
  ],
  customer_change: [
    {
      label: "customer changed their setup",
      pattern:
        /\b(?:we|our (?:\w+ ){0,2}(?:team|it|admin|admins|contractor|provider|vendor|partner|department|engineers?)|their (?:\w+ )?(?:it|admin|admins|contractor|team))\b[^.]{0,30}\b(?:changed|moved|moving|replaced|replacing|switched|switching|migrated|migrating|rebuilt|renamed|consolidated|reconfigured|rotated|disabled|enabled|removed|deleted|installed|upgraded|updated|hardened|applying|applied|enforced|turned (?:on|off))\b/i,
      weight: 1.5,
      authors: ["customer", "text"],
    },
    {
      label: "customer-side setting",
      pattern:
        /\b(?:on (?:your|their|the customer's) side|customer[- ]side|in (?:your|their) (?:tenant|environment|network|firewall|dns|idp|identity provider|settings|configuration|admin console))\b/i,
      weight: 1,
    },
    {
      label: "customer infrastructure",
      pattern:
        /\b(?:your|their|customer's) (?:new )?(?:firewall|dns|proxy|vpn|idp|identity provider|saml app|sso|domain|certificate|network|mail server|caa record|allowlist|group policy|mdm|device policy)\b/i,
      weight: 0.75,
    },
  ],
};
