import { describe, expect, it } from "vitest";
import {
  extractIdentifiers,
  identifierWords,
  mentionsIdentifier,
} from "../../../src/engine/extract-identifiers.ts";

const texts = (text: string) => extractIdentifiers(text).map((i) => `${i.kind}:${i.text}`);

describe("extractIdentifiers", () => {
  it("finds quoted error strings and the field names inside them", () => {
    const found = texts(
      "Sync dashboard shows repeated 'No such column Commission_Rate__c' errors since Nov 10.",
    );
    expect(found).toContain("quoted:No such column Commission_Rate__c");
    expect(found).toContain("code:Commission_Rate__c");
  });

  it("finds snake_case, dotted, hyphenated-code and CamelCase names but not prose compounds", () => {
    const found = texts(
      "Jobs end with QUERY_TIMEOUT; payout.paid events late; sender CRL-LIS2; 503 SlowDown; front-end only",
    );
    expect(found).toEqual(
      expect.arrayContaining(["code:QUERY_TIMEOUT", "code:payout.paid", "code:CRL-LIS2", "code:SlowDown"]),
    );
    expect(found.some((f) => f.includes("front-end"))).toBe(false);
  });

  it("finds HTTP statuses and numeric error codes", () => {
    const found = texts(
      "Requests fail with `401 Unauthorized`; receipts carry error 30008 from the aggregator.",
    );
    expect(found).toContain("status:http 401");
    expect(found).toContain("status:code 30008");
  });

  it("ignores contractions, single quoted words and addresses", () => {
    const found = texts(
      "We don't know. Leases stuck as 'sent'. Mail it-billing@ironbark.example or see Proposal_v3.pdf",
    );
    expect(found).toEqual([]);
  });

  it("finds API paths after a verb or a space, but not fractions, dates or URLs", () => {
    const found = texts(
      "Batches fail with 429 on POST /crm/v3/objects/deals/batch/upsert. Worker 5/8 on 11/03; see https://status.example/a/b",
    );
    expect(found).toContain("code:/crm/v3/objects/deals/batch/upsert");
    expect(found.filter((f) => f.includes("/"))).toEqual(["code:/crm/v3/objects/deals/batch/upsert"]);
  });

  it("splits identifiers into words and matches them in lower-cased text", () => {
    const [id] = extractIdentifiers("credential type 'account_key' rejected");
    expect(id).toBeDefined();
    if (!id) return;
    expect(identifierWords(id)).toEqual(["account", "key"]);
    expect(mentionsIdentifier("the account_key was retired", id)).toBe(true);
  });
});
