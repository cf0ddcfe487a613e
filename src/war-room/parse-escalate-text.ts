/**
 * Reads `/escalate Acme Corp "commission data wrong" --severity high --private`: the account (quoted or
 * the words before the quoted summary), the summary, and optional flags. Without quotes, the account is the
 * longest run of leading words that names an account exactly.
 */
import { SEVERITIES, type Severity } from "../domain/case-bundle.ts";
import type { CrmSource } from "../ports/crm-source.ts";

/** What the text asks for; `account` is a query to resolve. */
export interface ParsedEscalation {
  account: string;
  summary: string;
  severity: Severity;
  private: boolean;
}

const FLAG =
  /(?:^|\s)--(severity|sev)[\s=]+(\w+)|(?:^|\s)--(private)\b|(?:^|\s)--(low|normal|high|critical)\b/gi;

function takeFlags(text: string): { rest: string; severity: Severity; private: boolean } {
  let severity: Severity = "normal";
  let isPrivate = false;
  const rest = text.replace(
    FLAG,
    (
      _m,
      _name: string,
      value: string | undefined,
      priv: string | undefined,
      shorthand: string | undefined,
    ) => {
      const level = (value ?? shorthand)?.toLowerCase();
      if (level && (SEVERITIES as readonly string[]).includes(level)) severity = level as Severity;
      if (priv) isPrivate = true;
      return " ";
    },
  );
  return { rest: rest.trim().replace(/\s+/g, " "), severity, private: isPrivate };
}

/** Parses the command text; null when there is nothing to escalate. */
export async function parseEscalateText(text: string, crm: CrmSource): Promise<ParsedEscalation | null> {
  const { rest, severity, private: isPrivate } = takeFlags(text);
  if (!rest) return null;
  const quoted = /^(?:"([^"]+)"|“([^”]+)”)\s*(.*)$/.exec(rest);
  if (quoted)
    return {
      account: (quoted[1] ?? quoted[2])!.trim(),
      summary: quoted[3]!.replace(/^["“]|["”]$/g, "").trim(),
      severity,
      private: isPrivate,
    };
  const summaryQuoted = /^(.*?)\s+(?:"([^"]+)"|“([^”]+)”)\s*$/.exec(rest);
  if (summaryQuoted)
    return {
      account: summaryQuoted[1]!.trim(),
      summary: (summaryQuoted[2] ?? summaryQuoted[3])!.trim(),
      severity,
      private: isPrivate,
    };
  const words = rest.split(" ");
  for (let n = Math.min(words.length, 6); n >= 1; n--) {
    const candidate = words.slice(0, n).join(" ");
    const [best] = await crm.searchAccounts(candidate, 1);
    if (best?.exact)
      return { account: candidate, summary: words.slice(n).join(" "), severity, private: isPrivate };
  }
  return { account: words[0]!, summary: words.slice(1).join(" "), severity, private: isPrivate };
}
