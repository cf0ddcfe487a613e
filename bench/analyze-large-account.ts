/**
 * Benchmark: the evidence engine on one very large account (5,000 tickets with comments, 1,000 changes,
 * 300 related escalations, 20,000 knowledge items). Prints the median analysis time over 15 runs and the
 * peak resident memory. Targets: median <= 250 ms, peak RSS <= 300 MB.
 *
 * The engine runs twice, each in a process of its own, taking turns: with the V8 flags `warroom serve`
 * runs with (the launcher's, see handlers/cli/launcher.js; war-rooms are analysed there) and on plain
 * Node (as `warroom analyze` runs). Peak RSS depends on how far V8 lets its young generation grow, so the
 * two differ by tens of megabytes for the same work.
 *
 *   node bench/analyze-large-account.ts
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { RUNTIME_FLAGS } from "../handlers/cli/runtime-flags.js";
import { analyzeWithEvidence } from "../src/engine/evidence-engine.ts";
import { generateLargeBundle, LARGE_ACCOUNT } from "./lib/generate-large-bundle.ts";

const RUNS = 15;
const WARMUP = 2;

interface RunFigures {
  median: number;
  min: number;
  max: number;
  peakRssMb: number;
  top: string;
}

function measure(): RunFigures {
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
  return {
    median: times[Math.floor(times.length / 2)] ?? 0,
    min: times[0] ?? 0,
    max: times.at(-1) ?? 0,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    top,
  };
}

function runChild(flags: string[]): RunFigures {
  const out = execFileSync(process.execPath, [...flags, fileURLToPath(import.meta.url), "--child"], {
    encoding: "utf8",
  });
  return JSON.parse(out) as RunFigures;
}

if (process.argv.includes("--child")) {
  process.stdout.write(JSON.stringify(measure()));
} else {
  console.log(
    `analyze-large-account: ${LARGE_ACCOUNT.tickets} tickets, ${LARGE_ACCOUNT.changes} changes, ${LARGE_ACCOUNT.related} related, ${LARGE_ACCOUNT.knowledge} knowledge`,
  );
  for (const [label, flags] of [
    ["as serve runs it (launcher's V8 flags)", RUNTIME_FLAGS],
    ["plain node (warroom analyze)", []],
  ] as const) {
    const f = runChild([...flags]);
    console.log(
      `${label}: median ${f.median.toFixed(1)} ms over ${RUNS} runs (min ${f.min.toFixed(1)}, max ${f.max.toFixed(1)}); peak RSS ${f.peakRssMb.toFixed(0)} MB; top hypothesis: ${f.top}`,
    );
    console.log(
      `  targets: median <= 250 ms ${f.median <= 250 ? "met" : "MISSED"}, peak RSS <= 300 MB ${f.peakRssMb <= 300 ? "met" : "MISSED"}`,
    );
  }
}
