/**
 * `warroom demo`: the sample escalation on the embedded defaults (bundled dataset, evidence engine),
 * printed as the war-room would show it: the context card, then the ranked hypotheses.
 */
import type { Command } from "commander";
import { createLocalKnowledgeBaseAdapter, openLocalCrm } from "../../../integrations/local/index.ts";
import { SAMPLE_DEMO_ESCALATION } from "../../../integrations/local/sample-demo.ts";
import { createLogger } from "../../../src/logger.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { analyzeCase } from "../../../src/use-cases/analyze-case.ts";
import { buildCaseBundle } from "../../../src/use-cases/build-case-bundle.ts";
import { buildContextCard } from "../../../src/use-cases/build-context-card.ts";
import type { CliIo } from "../io.ts";
import { renderAnalysisMarkdown } from "../render-analysis.ts";
import { renderContextCard } from "../render-context-card.ts";

/** Registers `demo`. */
export function registerDemo(program: Command, io: CliIo): void {
  program
    .command("demo")
    .description("open a war-room for a sample escalation on the embedded defaults and print it")
    .action(() => demo(io));
}

async function demo(io: CliIo): Promise<void> {
  const now = systemClock.now();
  const crm = await openLocalCrm(null, now);
  const knowledge = createLocalKnowledgeBaseAdapter({ findings: crm.dataset.knowledge });
  const sample = SAMPLE_DEMO_ESCALATION;
  const bundle = await buildCaseBundle(
    {
      id: "DEMO-1",
      accountId: sample.accountId,
      openedAt: now,
      summary: sample.summary,
      severity: sample.severity,
      reportedBy: sample.reportedBy,
    },
    { crm, knowledge },
  );
  const analysis = await analyzeCase(bundle, { engine: "evidence", llm: null, logger: createLogger("warn") });
  io.stdout.write(
    `${renderContextCard(buildContextCard(bundle))}\n${renderAnalysisMarkdown(analysis, bundle)}`,
  );
  io.stdout.write(
    "\n(demo on the bundled sample dataset and the offline evidence engine; the interactive war-room with verdicts arrives with issue #4)\n",
  );
}
