/**
 * Knowledge gaps: root causes that recur without a usable article. A finding "needs an article" when no
 * article matching its escalation, as its war-room opened, named the validated cause
 * (src/use-cases/match-knowledge.ts). Findings that need one are grouped by category and product area; a
 * group of two or more escalations is a gap, with a suggested article title and the facts to put in it.
 */
import type { Category } from "../domain/categories.ts";
import type { Sql } from "../storage/database.ts";

/** Escalations in one category and product area before a gap is reported. */
export const GAP_MIN_ESCALATIONS = 2;
/** Findings whose facts are quoted per gap (the most recent). */
const FACTS_PER_GAP = 3;

/** A recurring root cause without a usable article. */
export interface KnowledgeGap {
  category: Category;
  /** The product area ("" when the findings named none). */
  productArea: string;
  escalations: string[];
  accounts: string[];
  lastOpened: string;
  suggestedTitle: string;
  /** What the findings established, most recent first: one line each, for the article's author. */
  facts: string[];
}

interface GapRow {
  [column: string]: unknown;
  category: Category;
  area: string;
  escalations: string[];
  accounts: string[];
  last_opened: Date;
  findings: {
    id: string;
    title: string;
    rootCause: string;
    resolution: string;
    account: string;
    openedAt: string;
  }[];
}

/** An article title per category, for the area it covers: what a reader would search for. */
const TITLES: Readonly<Record<Category, (area: string) => string>> = {
  product_defect: (a) => `Known defect in ${a}: symptoms, workaround and fix`,
  vendor_change: (a) => `What changed in ${a} and how customers adapt`,
  infrastructure: (a) => `${a} slow or failing on our side: how to recognise it and what to tell customers`,
  third_party: (a) => `${a} failing because of a provider: how to tell and what to do`,
  customer_change: (a) => `When a customer's own change breaks ${a}: what to check first`,
  data_quality: (a) => `Bad data in ${a}: finding it and cleaning it up`,
  usage_growth: (a) => `Outgrowing the limits of ${a}: the signs and the options`,
  onboarding_gap: (a) => `Onboarding checklist for ${a}`,
  expectation_mismatch: (a) => `What ${a} does and does not do`,
  documentation_gap: (a) => `How ${a} works: the guide customers were missing`,
  process_failure: (a) => `Escalations about ${a}: who does what, and when`,
  billing: (a) => `Charges for ${a}: how they are worked out and how to correct them`,
};

const sentences = (text: string) =>
  text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim().replace(/;$/, "."))
    .filter(Boolean);

/** At most `max` characters, cut at a word. */
const cut = (text: string, max = 200) =>
  text.length > max ? `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…` : text;

/** One finding as a fact: its cause, and how it was fixed when the resolution says more than the cause. */
function fact(f: GapRow["findings"][number]): string {
  const cause = sentences(f.rootCause)[0] ?? f.title;
  const fix = sentences(f.resolution).find((s) => !f.rootCause.startsWith(s) && s !== cause);
  return `${f.id} (${f.account}, ${f.openedAt.slice(0, 10)}): ${cut(cause)}${fix ? ` Fixed by: ${cut(fix)}` : ""}`;
}

function toGap(r: GapRow): KnowledgeGap {
  return {
    category: r.category,
    productArea: r.area,
    escalations: r.escalations,
    accounts: r.accounts,
    lastOpened: new Date(r.last_opened).toISOString(),
    suggestedTitle: TITLES[r.category](r.area || "the product"),
    facts: r.findings.slice(0, FACTS_PER_GAP).map(fact),
  };
}

/** Gaps among escalations opened in [since, until), most escalations first. */
export async function queryKnowledgeGaps(sql: Sql, since: Date, until: Date): Promise<KnowledgeGap[]> {
  const rows = await sql.query<GapRow>(
    `WITH needing AS (
       SELECT f.escalation_id AS id, f.category, f.title, f.root_cause, f.resolution, e.account_name, e.account_id,
              e.opened_at, area
       FROM findings f JOIN escalations e ON e.id = f.escalation_id
       CROSS JOIN LATERAL jsonb_array_elements_text(
         CASE WHEN jsonb_array_length(coalesce(f.metadata->'productAreas', '[]')) > 0 THEN f.metadata->'productAreas'
              ELSE jsonb_build_array(coalesce(e.metadata->>'productArea', '')) END) AS area
       WHERE f.needs_article AND e.opened_at >= $1 AND e.opened_at < $2)
     SELECT category, area, array_agg(DISTINCT id) AS escalations, array_agg(DISTINCT account_name) AS accounts,
            max(opened_at) AS last_opened,
            jsonb_agg(jsonb_build_object('id', id, 'title', title, 'rootCause', root_cause, 'resolution', resolution,
                                         'account', account_name, 'openedAt', opened_at) ORDER BY opened_at DESC, id) AS findings
     FROM needing GROUP BY category, area HAVING count(DISTINCT id) >= $3
     ORDER BY count(DISTINCT id) DESC, max(opened_at) DESC, category, area`,
    [since, until, GAP_MIN_ESCALATIONS],
  );
  return rows.map(toGap);
}
