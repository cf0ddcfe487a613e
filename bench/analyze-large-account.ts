/**
 * Benchmark: the evidence engine on one very large account (5,000 tickets with comments, 1,000 changes,
 * 300 related escalations, 20,000 knowledge items). Prints the median analysis time over 15 runs and the
 * peak resident memory. Targets: median <= 250 ms, peak RSS <= 300 MB.
 *
 *   node bench/analyze-large-account.ts
 */
import { analyzeWithEvidence } from "../src/engine/evidence-engine.ts";
import { generateLargeBundle, LARGE_ACCOUNT } from "./lib/generate-large-bundle.ts";

const RUNS = 15;
const WARMUP = 2;

const bundle = generateLargeBundle(42);
const times: number[] = [];
let top = "";
for (let i = 0; i < WARMUP + RUNS; i++) {
  const started = performance.now();
  const analysis = analyzeWithEvidence(bundle);
  const ms = performance.now() - started;
  if (i >= WARMUP) times.push(ms);
  top = `${analysis.hypotheses[0]?.category} ${analysis.hypotheses[0]?.evidence[0]}`;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `analyze-large-account: ${LARGE_ACCOUNT.tickets} tickets, ${LARGE_ACCOUNT.changes} changes, ${LARGE_ACCOUNT.related} related, ${LARGE_ACCOUNT.knowledge} knowledge`,
);
console.log(
  `median ${median.toFixed(1)} ms over ${RUNS} runs (min ${times[0]?.toFixed(1)}, max ${times.at(-1)?.toFixed(1)})`,
);
console.log(`peak RSS ${peakRssMb.toFixed(0)} MB; top hypothesis: ${top}`);
console.log(
  `targets: median <= 250 ms ${median <= 250 ? "met" : "MISSED"}, peak RSS <= 300 MB ${peakRssMb <= 300 ? "met" : "MISSED"}`,
);
