import { describe, expect, it } from "vitest";
import { roundShares } from "../../../src/digest/round-shares.ts";
import { categoryLabel, segmentLabel } from "../../../src/domain/labels.ts";

describe("shares a leader adds up", () => {
  it("rounds to whole percentages that sum to 100 (largest remainder)", () => {
    expect(roundShares([1, 1, 1])).toEqual([34, 33, 33]);
    expect(roundShares([46.4, 29.6, 24])).toEqual([46, 30, 24]);
    expect(roundShares([2, 1, 3])).toEqual([33, 17, 50]);
    expect(roundShares([0, 0])).toEqual([0, 0]);
    expect(roundShares([1, 2, 3, 4, 5, 6, 7], 1000).reduce((n, v) => n + v, 0)).toBe(1000);
  });

  it("names categories and segments in words", () => {
    expect([categoryLabel("product_defect"), segmentLabel("mid_market"), segmentLabel("smb")]).toEqual([
      "Product defect",
      "Mid-market",
      "SMB",
    ]);
    expect([categoryLabel("brand_new_thing"), segmentLabel("public_sector")]).toEqual([
      "Brand new thing",
      "Public sector",
    ]);
  });
});
