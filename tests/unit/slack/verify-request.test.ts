import { describe, expect, it } from "vitest";
import { checkSlackSignature } from "../../../integrations/slack/verify-request.ts";
import { SIGNING_SECRET, sign } from "../../support/slack-harness.ts";

const NOW = Date.parse("2026-12-06T12:00:00Z");
const nowSeconds = NOW / 1000;
const body = "command=%2Fescalate&text=help";
const check = (ts: number, secret = SIGNING_SECRET) =>
  checkSlackSignature(sign(body, secret, ts), body, SIGNING_SECRET, NOW);

describe("Slack's signature and five-minute rule", () => {
  it("accepts a request stamped up to five minutes from now, either way", () => {
    expect(check(nowSeconds)).toBeUndefined();
    expect(check(nowSeconds + 300)).toBeUndefined();
    expect(check(nowSeconds - 300)).toBeUndefined();
  });

  it("refuses one stamped further in the future or the past, saying which", () => {
    expect(check(nowSeconds + 301)).toMatch(/301 s in the future/);
    expect(check(nowSeconds - 361)).toMatch(/361 s in the past/);
  });

  it("refuses a wrong secret, a missing header and a timestamp that is not a number", () => {
    expect(check(nowSeconds, "another-secret")).toMatch(/signature mismatch/);
    expect(checkSlackSignature({}, body, SIGNING_SECRET, NOW)).toMatch(/missing/);
    const headers = { ...sign(body, SIGNING_SECRET, nowSeconds), "x-slack-request-timestamp": "1e9" };
    expect(checkSlackSignature(headers, body, SIGNING_SECRET, NOW)).toMatch(/not a Unix time/);
  });
});
