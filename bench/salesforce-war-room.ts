/**
 * The CRM fetch of a war-room for an account with 2,000 cases, against the fake Salesforce answering each
 * call after 150 ms: everything the case bundle reads from Salesforce (the account with its renewal, six
 * months of cases with their comments, other accounts' escalated cases), through the real jsforce client.
 * Salesforce returns at most 2,000 records a batch, comments counting, so one query for all cases is paged
 * call after call; warroom reads the window as date slices at once. Printed beside the lower bound: one
 * round trip plus the same work at zero latency.
 *   node bench/salesforce-war-room.ts
 */
import { pino } from "pino";
import { createLocalKnowledgeBaseAdapter } from "../integrations/local/index.ts";
import { createSalesforceAdapter } from "../integrations/salesforce/index.ts";
import { salesforceFieldMapSchema } from "../src/config/salesforce-fields.ts";
import { buildCaseBundle } from "../src/use-cases/build-case-bundle.ts";
import { startFakeSalesforce } from "../tests/fakes/salesforce/index.ts";

const LATENCY_MS = 150;
const CASES = 2000;
const RUNS = 5;
const DAY = 86_400_000;
const now = Date.now();
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(12, "0")}AAA`;

function org() {
  const big = id("001", 1);
  const accounts = [
    { Id: big, Name: "Bigco Industries", ARR__c: 640_000, Segment__c: "enterprise" },
    ...Array.from({ length: 20 }, (_, i) => ({ Id: id("001", i + 2), Name: `Other ${i}`, ARR__c: 50_000 })),
  ];
  // Six months of history, busier in the last two weeks (the escalation's run-up).
  const cases = Array.from({ length: CASES }, (_, i) => {
    const recent = i >= CASES - 500;
    const ageDays = recent ? ((CASES - i) / 500) * 14 : 14 + ((CASES - 500 - i) / (CASES - 500)) * 160;
    return {
      Id: id("500", i + 1),
      AccountId: big,
      Subject: `Case ${i + 1}: sync delay`,
      Description: "Records arrive late in the CRM.",
      Status: i % 7 === 0 ? "New" : "Closed",
      Priority: "Medium",
      CreatedDate: new Date(now - ageDays * DAY).toISOString(),
    };
  });
  const escalated = accounts.slice(1).flatMap((a, i) =>
    [0, 1, 2].map((k) => ({
      Id: id("500", 10_000 + i * 3 + k),
      AccountId: a.Id,
      Subject: "Escalation",
      Status: "Escalated",
      IsEscalated: true,
      CreatedDate: new Date(now - (k * 10 + i) * DAY).toISOString(),
    })),
  );
  const comments = cases.flatMap((c, i) => [
    { ParentId: c.Id, CommentBody: `Customer: case ${i + 1} still late`, CreatedDate: c.CreatedDate },
    { ParentId: c.Id, CommentBody: "Agent: queue drained", CreatedDate: c.CreatedDate },
  ]);
  return { accounts, cases: [...cases, ...escalated], comments, big };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const world = org();
const fake = await startFakeSalesforce({
  records: { Account: world.accounts, Case: world.cases, CaseComment: world.comments },
  customFields: { Account: ["ARR__c", "Segment__c"] },
});
const fieldMap = salesforceFieldMapSchema.parse({ account: { arr: "ARR__c", segment: "Segment__c" } });
const knowledge = createLocalKnowledgeBaseAdapter({ findings: [] });

async function fetchBundle(slices: number): Promise<{ ms: number; calls: number; tickets: number }> {
  const crm = createSalesforceAdapter({
    auth: { kind: "token", instanceUrl: fake.url, accessToken: fake.accessToken },
    apiVersion: "62.0",
    fieldMap,
    logger: pino({ level: "silent" }),
    ticketSlices: slices,
  });
  const before = fake.calls.length;
  const started = performance.now();
  const bundle = await buildCaseBundle(
    { id: "WR-BENCH", accountId: world.big, openedAt: new Date(now), summary: "sync delays, data wrong" },
    { crm, knowledge },
  );
  return {
    ms: performance.now() - started,
    calls: fake.calls.length - before,
    tickets: bundle.tickets.length,
  };
}

async function measure(slices: number, latency: number) {
  fake.setLatency(latency);
  await fetchBundle(slices);
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await fetchBundle(slices));
  return { ms: median(runs.map((r) => r.ms)), calls: runs[0]?.calls ?? 0, tickets: runs[0]?.tickets ?? 0 };
}

try {
  const work = await measure(6, 0);
  const sliced = await measure(6, LATENCY_MS);
  const paged = await measure(1, LATENCY_MS);
  const bound = LATENCY_MS + work.ms;
  console.log(
    `account with ${sliced.tickets} cases (${world.comments.length} comments), ${LATENCY_MS} ms per Salesforce call, median of ${RUNS}:`,
  );
  console.log(`  date slices at once (default): ${sliced.ms.toFixed(0)} ms, ${sliced.calls} calls`);
  console.log(`  one query paged batch by batch: ${paged.ms.toFixed(0)} ms, ${paged.calls} calls`);
  console.log(
    `  lower bound: ${bound.toFixed(0)} ms (one round trip + ${work.ms.toFixed(0)} ms of the same work at zero latency)`,
  );
  console.log(
    `  ratio to the bound: ${(sliced.ms / bound).toFixed(2)}× sliced, ${(paged.ms / bound).toFixed(2)}× paged`,
  );
} finally {
  await fake.close();
}
