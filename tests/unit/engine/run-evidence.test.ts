import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { caseBundleSchema } from "../../../src/domain/case-bundle.ts";
import {
  createEvidenceWorker,
  type EvidenceWorker,
  runEvidenceHere,
} from "../../../src/engine/run-evidence.ts";
import { InputError } from "../../../src/errors.ts";

const scenario = JSON.parse(
  readFileSync(
    join(import.meta.dirname, "../../fixtures/scenarios/101-northwind-saml-certificate-rollover.json"),
    "utf8",
  ),
);
const bundle = caseBundleSchema.parse(scenario);

describe("the evidence engine off the request loop", () => {
  let worker: EvidenceWorker | undefined;
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  it("answers on its worker thread exactly as in this thread", async () => {
    worker = createEvidenceWorker();
    const here = await runEvidenceHere(bundle);
    const there = await worker.run(bundle);
    expect(there).toEqual(here);
    const excluded = [{ category: here.hypotheses[0]!.category, evidence: here.hypotheses[0]!.evidence }];
    expect(await worker.run(bundle, { exclude: excluded })).toEqual(
      await runEvidenceHere(bundle, { exclude: excluded }),
    );
  });

  it("keeps the engine's input errors as InputError", async () => {
    worker = createEvidenceWorker();
    const empty = { ...bundle, tickets: [], changes: [], relatedEscalations: [], knowledge: [] };
    await expect(worker.run(empty)).rejects.toBeInstanceOf(InputError);
    await expect(worker.run(empty)).rejects.toThrow(/needs at least one item to cite/);
  });

  it("stops its thread when quiet and starts one again for the next analysis", async () => {
    worker = createEvidenceWorker({ idleMs: 50 });
    const first = await worker.run(bundle);
    await new Promise((r) => setTimeout(r, 300));
    expect(await worker.run(bundle)).toEqual(first);
  });
});
