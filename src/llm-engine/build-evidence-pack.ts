/**
 * The evidence pack: what the language model reads. Bounded by a token budget (counted with the model's
 * tokenizer, not estimated) however large the account, keeping the items most relevant to the escalation
 * first, and masked for personal data before it is measured, so the budget is what actually leaves.
 */
import { getEncoding, type Tiktoken } from "js-tiktoken";
import type { CaseBundle } from "../domain/case-bundle.ts";
import { buildEvidenceIndex } from "../engine/build-evidence-index.ts";
import type { PersonalDataMasker } from "./mask-personal-data.ts";

/** Default budget of the pack, in tokens. */
export const DEFAULT_PACK_TOKENS = 6_000;
/** No single item may take more than this share of the pack. */
const ITEM_CHAR_LIMIT = 1_200;
/** Once this many items in a row did not fit, the rest (less relevant still) are not measured. */
const MAX_MISSES_IN_A_ROW = 40;

let encoding: Tiktoken | undefined;
/** Tokens of `text` in o200k_base (the encoding of current OpenAI models). */
export function countTokens(text: string): number {
  encoding ??= getEncoding("o200k_base");
  return encoding.encode(text).length;
}

/** The rendered pack and what went into it. */
export interface EvidencePack {
  text: string;
  tokens: number;
  /** Ids of the items included, in pack order. */
  ids: string[];
  /** Ids left out for the budget. */
  omitted: number;
}

function clip(text: string | null | undefined, limit = 400): string {
  const flat = (text ?? "").replace(/\s+/g, " ").trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat;
}

function attrs(attributes: Record<string, string | number | boolean> | undefined): string {
  return Object.entries(attributes ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

function renderHeader(bundle: CaseBundle): string {
  const { escalation: e, account: a } = bundle;
  const facts = [
    a.segment && `segment ${a.segment}`,
    a.industry && `industry ${a.industry}`,
    a.arr !== undefined && `ARR ${a.arr}`,
    a.contractStart && `contract start ${a.contractStart}`,
    a.renewalDate && `renewal ${a.renewalDate}`,
    a.healthScore !== undefined && `health ${a.healthScore}`,
    a.nps !== undefined && `NPS ${a.nps}`,
    a.attributes && `attributes: ${attrs(a.attributes)}`,
  ].filter(Boolean);
  return [
    `ESCALATION ${e.id} opened ${e.openedAt}${e.severity ? ` severity ${e.severity}` : ""}: ${clip(e.summary, 800)}`,
    `ACCOUNT ${a.name} (${a.id}): ${facts.join("; ")}`,
  ].join("\n");
}

/** One line per evidence item, id first so the model can cite it. */
export function renderItems(bundle: CaseBundle): Map<string, string> {
  const lines = new Map<string, string>();
  for (const t of bundle.tickets) {
    const comments = (t.comments ?? []).map((c) => `comment ${c.at} ${c.author}: ${clip(c.body, 300)}`);
    const head = `[${t.id}] ticket ${t.createdAt} ${t.status}${t.priority ? ` ${t.priority}` : ""}${t.closedAt ? ` closed ${t.closedAt}` : ""}`;
    const body = [
      `"${clip(t.subject, 160)}"`,
      clip(t.description),
      t.resolution && `resolution: ${clip(t.resolution, 200)}`,
      t.tags?.length && `tags: ${t.tags.join(",")}`,
      ...comments,
    ];
    lines.set(t.id, clip(`${head}: ${body.filter(Boolean).join(" | ")}`, ITEM_CHAR_LIMIT));
  }
  for (const c of bundle.changes) {
    const area = c.productArea ? ` area=${c.productArea}` : "";
    lines.set(
      c.id,
      clip(
        `[${c.id}] change ${c.at} ${c.source}/${c.scope}${area}: ${c.title} — ${clip(c.description, 600)}`,
        ITEM_CHAR_LIMIT,
      ),
    );
  }
  for (const r of bundle.relatedEscalations) {
    const who = r.accountName ?? r.accountId;
    const cause = r.rootCauseCategory ? ` root cause ${r.rootCauseCategory}` : "";
    lines.set(
      r.id,
      clip(
        `[${r.id}] other escalation ${r.openedAt} ${who}${r.status ? ` ${r.status}` : ""}${cause} (${attrs(r.attributes)}): ${clip(r.summary, 500)}`,
        ITEM_CHAR_LIMIT,
      ),
    );
  }
  for (const k of bundle.knowledge) {
    const parts = [
      k.title,
      k.symptoms && `symptoms: ${clip(k.symptoms, 300)}`,
      k.rootCause && `cause: ${clip(k.rootCause, 300)}`,
    ];
    lines.set(
      k.id,
      clip(
        `[${k.id}] knowledge ${k.category}${k.validatedAt ? ` validated ${k.validatedAt}` : ""}: ${parts.filter(Boolean).join(" — ")}`,
        ITEM_CHAR_LIMIT,
      ),
    );
  }
  return lines;
}

/** Builds the masked pack: header, then items by relevance until the budget is spent. */
export function buildEvidencePack(
  bundle: CaseBundle,
  masker: PersonalDataMasker,
  budgetTokens = DEFAULT_PACK_TOKENS,
): EvidencePack {
  const lines = renderItems(bundle);
  const header = masker.mask(renderHeader(bundle));
  const open = "<evidence>";
  const close = "</evidence>";
  let used = countTokens(`${open}\n${header}\n${close}`);
  const included: string[] = [];
  const body: string[] = [];
  let misses = 0;
  for (const item of buildEvidenceIndex(bundle).items) {
    const raw = lines.get(item.id);
    if (!raw) continue;
    const line = masker.mask(raw);
    const cost = countTokens(`${line}\n`);
    if (used + cost > budgetTokens) {
      // A shorter, less relevant item may still fit; stop looking once many in a row have not.
      if (++misses >= MAX_MISSES_IN_A_ROW) break;
      continue;
    }
    misses = 0;
    used += cost;
    included.push(item.id);
    body.push(line);
  }
  return {
    text: [open, header, ...body, close].join("\n"),
    tokens: used,
    ids: included,
    omitted: lines.size - included.length,
  };
}
