import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../src/errors.ts";
import {
  MAX_CHANNEL_NAME,
  warRoomChannelName,
  withCollisionSuffix,
} from "../../../src/war-room/channel-name.ts";
import { loadRoutingRules, type RoutingRules, route } from "../../../src/war-room/routing-rules.ts";

const rules: RoutingRules = {
  rules: [
    {
      name: "enterprise critical",
      when: { segment: ["enterprise"], severity: ["critical"] },
      invite: { users: ["U1"], emails: [], groups: ["S1"] },
    },
    {
      name: "big accounts",
      when: { minArr: 100_000 },
      invite: { users: ["U2"], emails: ["vp@example.com"], groups: [] },
    },
    {
      name: "sync experts",
      when: { productArea: ["salesforce-sync"] },
      invite: { users: ["U1", "U3"], emails: [], groups: [] },
    },
  ],
};

describe("routing rules", () => {
  it("invites the union of every matching rule, each person once", () => {
    const targets = route(rules, {
      segment: "enterprise",
      severity: "critical",
      arr: 180_000,
      productAreas: ["salesforce-sync"],
    });
    expect(targets).toEqual({
      rules: ["enterprise critical", "big accounts", "sync experts"],
      users: ["U1", "U2", "U3"],
      emails: ["vp@example.com"],
      groups: ["S1"],
    });
  });

  it("applies a product-area rule only once the analysis names the area", () => {
    expect(route(rules, { segment: "smb", severity: "high", arr: 5_000, productAreas: [] }).rules).toEqual(
      [],
    );
    expect(
      route(rules, { segment: "smb", severity: "high", arr: 5_000, productAreas: ["salesforce-sync"] }).rules,
    ).toEqual(["sync experts"]);
  });

  it("rejects a rules file with the file, the JSON path and what was expected", async () => {
    const dir = await mkdtemp(join(tmpdir(), "warroom-rules-"));
    const path = join(dir, "rules.json");
    await writeFile(
      path,
      JSON.stringify({
        rules: [{ name: "x", when: { severity: ["apocalyptic"] }, invite: { users: ["U1"] } }],
      }),
    );
    await expect(loadRoutingRules(path)).rejects.toThrow(ConfigError);
    await expect(loadRoutingRules(path)).rejects.toThrow(
      /rules\.json: rules\[0\]\.when\.severity\[0\]: expected one of "low", "normal", "high", "critical", got "apocalyptic"/,
    );
    await writeFile(path, JSON.stringify({ rules: [{ name: "nobody", invite: {} }] }));
    await expect(loadRoutingRules(path)).rejects.toThrow(/must invite someone/);
  });
});

describe("war-room channel names", () => {
  it("are lowercase letters, digits and hyphens within 80 characters, dated", () => {
    const day = new Date("2026-11-22T10:00:00Z");
    expect(warRoomChannelName("Acme Corp", day)).toBe("esc-acme-corp-20261122");
    expect(warRoomChannelName("Café Déjà Vu GmbH & Co. KG", day)).toBe(
      "esc-cafe-deja-vu-gmbh-and-co-kg-20261122",
    );
    expect(warRoomChannelName("株式会社", day)).toBe("esc-account-20261122");
    const long = withCollisionSuffix(warRoomChannelName("A very long company name ".repeat(10), day), 12);
    expect(long.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
    expect(long).toMatch(/^[a-z0-9-]+$/);
    expect(withCollisionSuffix("esc-acme-20261122", 1)).toBe("esc-acme-20261122");
    expect(withCollisionSuffix("esc-acme-20261122", 2)).toBe("esc-acme-20261122-2");
  });
});
