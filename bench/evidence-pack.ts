/**
 * The LLM engine's evidence pack: its size for a very large account, and whether the causal items survive
 * when scenarios are padded with several times the budget of unrelated history (recall), with the evidence
 * engine's top-1 checked on the same padded bundles.
 *   node bench/evidence-pack.ts
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type CaseBundle, caseBundleSchema } from "../src/domain/case-bundle.ts";
import { analyzeWithEvidence } from "../src/engine/evidence-engine.ts";
import {
  buildEvidencePack,
  countTokens,
  DEFAULT_PACK_TOKENS,
} from "../src/llm-engine/build-evidence-pack.ts";
import { PersonalDataMasker } from "../src/llm-engine/mask-personal-data.ts";
import { generateLargeBundle } from "./lib/generate-large-bundle.ts";
import { padWithNoise } from "./lib/pad-with-noise.ts";

const ROOT = join(import.meta.dirname, "..");
const DIRS = [join(ROOT, "../shared/scenarios"), join(ROOT, "tests/fixtures/scenarios")];

const large = generateLargeBundle(7);
const started = performance.now();
const largePack = buildEvidencePack(large, new PersonalDataMasker());
console.log(
  `large account pack: ${largePack.tokens} tokens (budget ${DEFAULT_PACK_TOKENS}), ${largePack.ids.length} items in, ${largePack.omitted} left out, built in ${(performance.now() - started).toFixed(0)} ms`,
);

let expectedIds = 0;
let packedIds = 0;
let top1 = 0;
let scenarios = 0;
for (const dir of DIRS.filter(existsSync)) {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const raw = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const { expected, excludedHypotheses, ...rest } = raw;
    const padded: CaseBundle = padWithNoise(caseBundleSchema.parse(rest), scenarios + 1);
    const noiseTokens = countTokens(JSON.stringify(padded)) - countTokens(JSON.stringify(rest));
    const pack = buildEvidencePack(padded, new PersonalDataMasker());
    const wanted: string[] = expected.rootCause.evidence;
    const found = wanted.filter((id) => pack.ids.includes(id));
    expectedIds += wanted.length;
    packedIds += found.length;
    const first = analyzeWithEvidence(padded, { exclude: excludedHypotheses ?? [] }).hypotheses[0];
    const hit =
      first?.category === expected.rootCause.category &&
      (wanted.length === 0 || (first?.evidence.slice(0, 3).some((id) => wanted.includes(id)) ?? false));
    top1 += hit ? 1 : 0;
    scenarios++;
    console.log(
      `${file.padEnd(48)} +${noiseTokens} noise tokens  pack ${pack.tokens} tokens  causal ${found.length}/${wanted.length}  top-1 ${hit ? "holds" : "LOST"}`,
    );
  }
}
console.log(
  `causal-item recall in the pack: ${(packedIds / expectedIds).toFixed(3)} (${packedIds}/${expectedIds})`,
);
console.log(
  `evidence-engine top-1 on padded scenarios: ${(top1 / scenarios).toFixed(3)} (${top1}/${scenarios})`,
);
