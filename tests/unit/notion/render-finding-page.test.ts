import { describe, expect, it } from "vitest";
import { checkSchema, newDatabaseProperties } from "../../../integrations/notion/kb-schema.ts";
import {
  type BlockRequest,
  findingBlocks,
  findingProperties,
  splitText,
} from "../../../integrations/notion/render-finding-page.ts";
import { batches } from "../../../integrations/notion/write-page-body.ts";
import { findingDocument } from "../../support/finding-document.ts";

const pieces = (b: BlockRequest) => (b[b.type] as { rich_text: { text: { content: string } }[] }).rich_text;

describe("a finding as a Notion page", () => {
  it("cuts text into pieces of at most 2,000 characters without splitting a surrogate pair", () => {
    const parts = splitText(`${"a".repeat(1999)}😀${"b".repeat(10)}`);
    expect(parts.map((p) => p.length)).toEqual([1999, 12]);
    expect(parts.join("")).toBe(`${"a".repeat(1999)}😀${"b".repeat(10)}`);
    expect(splitText("")).toEqual([""]);
  });

  it("keeps every block under Notion's limits, however long the text", () => {
    const huge = "x".repeat(450_000);
    const blocks = findingBlocks(findingDocument({ rootCause: huge }));
    for (const block of blocks) {
      expect(pieces(block).length).toBeLessThanOrEqual(100);
      for (const piece of pieces(block)) expect(piece.text.content.length).toBeLessThanOrEqual(2000);
    }
    const rootText = blocks
      .filter((b) => b.type === "paragraph")
      .flatMap(pieces)
      .map((p) => p.text.content)
      .join("");
    expect(rootText).toContain(huge);
    for (const batch of batches(blocks)) {
      expect(batch.length).toBeLessThanOrEqual(100);
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThan(500_000);
    }
  });

  it("splits a body of more than 100 blocks into batches of 100 in order", () => {
    const many = Array.from({ length: 230 }, (_, i) => `factor ${i}`);
    const blocks = findingBlocks(findingDocument({ contributingFactors: many }));
    const sizes = batches(blocks).map((b) => b.length);
    expect(sizes.every((n) => n <= 100)).toBe(true);
    expect(batches(blocks).flat()).toEqual(blocks);
  });

  it("shortens long property values to one piece and fills every schema property", () => {
    const props = findingProperties(findingDocument({ summary: "s".repeat(5000) }), "Finding");
    const summary = props.Summary as { rich_text: { text: { content: string } }[] };
    expect(summary.rich_text).toHaveLength(1);
    expect(summary.rich_text[0]?.text.content).toHaveLength(2000);
    expect(Object.keys(props).sort()).toEqual(Object.keys(newDatabaseProperties()).sort());
  });

  it("names missing and mistyped properties of an existing data source", () => {
    const { titleName, problems } = checkSchema({ Name: { type: "title" }, Category: { type: "rich_text" } });
    expect(titleName).toBe("Name");
    expect(problems).toContain('"Category" is rich_text, expected select');
    expect(problems).toContain('"Escalation" (rich_text) is missing');
  });
});
