/**
 * Architecture rules that reviews would otherwise have to catch: the core (src/) never imports a vendor
 * SDK, and handlers stay thin (no SQL, no vendor SDK beyond what a surface's own entry point needs).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const TEAMS_SDK = [
  "@microsoft/teams.apps",
  "@microsoft/teams.api",
  "@microsoft/teams.cards",
  "@microsoft/teams.graph",
  "@microsoft/teams.common",
];
const VENDOR_SDKS = [
  "@slack/bolt",
  "@slack/web-api",
  "@slack/types",
  "botbuilder",
  "jsforce",
  "@notionhq/client",
  "openai",
  ...TEAMS_SDK,
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1] ?? "");
}

describe("boundaries", () => {
  it("src/ imports no vendor SDK", () => {
    const offenders = sourceFiles(join(ROOT, "src")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => VENDOR_SDKS.some((sdk) => spec === sdk || spec.startsWith(`${sdk}/`)))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("src/ holds no chat platform's adapter: platforms reach the core only as ChatPlatform and ChatSurface", () => {
    const offenders = sourceFiles(join(ROOT, "src")).flatMap((file) =>
      importsOf(file)
        .filter((spec) => /integrations\/(slack|teams)\//.test(spec))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("only integrations/teams/ imports the Teams SDK", () => {
    const offenders = ["src", "handlers", "integrations", "prompts", "scripts"].flatMap((folder) =>
      sourceFiles(join(ROOT, folder))
        .filter((file) => !relative(ROOT, file).startsWith("integrations/teams/"))
        .flatMap((file) =>
          importsOf(file)
            .filter((spec) => TEAMS_SDK.some((sdk) => spec === sdk || spec.startsWith(`${sdk}/`)))
            .map((spec) => `${relative(ROOT, file)} imports ${spec}`),
        ),
    );
    expect(offenders).toEqual([]);
  });

  it("handlers/ contain no SQL", () => {
    const offenders = sourceFiles(join(ROOT, "handlers")).filter((file) =>
      /\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/.test(readFileSync(file, "utf8")),
    );
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("every top-level folder says what lives there", () => {
    for (const folder of ["src", "handlers", "prompts", "integrations", "tests", "bench"]) {
      const readme = readFileSync(join(ROOT, folder, "README.md"), "utf8");
      expect(readme.length, folder).toBeGreaterThan(200);
    }
  });
});
