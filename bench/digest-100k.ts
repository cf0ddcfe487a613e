/**
 * The weekly digest over 100,000 escalations (two years of history, 2,000 accounts, 85% with a validated
 * finding, a third with a war-room's first hypothesis and verdicts), on embedded PGlite and on PostgreSQL.
 * Target: ≤ 1 s median to build one week's digest.
 *   node bench/digest-100k.ts          # PostgreSQL at WARROOM_BENCH_DATABASE_URL, default 127.0.0.1:5432
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { pino } from "pino";
import { buildDigest } from "../src/digest/build-digest.ts";
import { previousWeek } from "../src/digest/digest-week.ts";
import type { CrmAccount } from "../src/ports/crm-source.ts";
import type { Database } from "../src/storage/database.ts";
import { openDatabase } from "../src/storage/open-database.ts";

const ESCALATIONS = 100_000;
const ACCOUNTS = 2_000;
const RUNS = 7;
const logger = pino({ level: "silent" });
const now = new Date();

const CATEGORIES =
  "ARRAY['product_defect','vendor_change','infrastructure','third_party','customer_change','data_quality','usage_growth','onboarding_gap','expectation_mismatch','documentation_gap','process_failure','billing']";
const AREAS =
  "ARRAY['salesforce-sync','hubspot-sync','payments','analytics-exports','notifications-sms','scheduling','data-import','sso','api']";

/** Seeds the store in a few INSERT … SELECT statements (the newest 1,500 escalations still open). */
async function seed(db: Database): Promise<void> {
  await db.query(
    `INSERT INTO escalations (id, account_id, account_name, summary, severity, status, origin, opened_at, resolved_at, arr, segment, metadata)
     SELECT 'B-' || g, 'ACC-' || (g % ${ACCOUNTS}), 'Account ' || (g % ${ACCOUNTS}), 'bench escalation ' || g,
            (ARRAY['low','normal','high','critical'])[1 + g % 4], CASE WHEN g <= 1500 THEN 'open' ELSE 'resolved' END, 'slack',
            $1::timestamptz - g * interval '10 minutes',
            CASE WHEN g <= 1500 THEN NULL ELSE $1::timestamptz - g * interval '10 minutes' + (1 + g % 5) * interval '1 day' END,
            10000 + (g % ${ACCOUNTS}) * 100, (ARRAY['enterprise','mid_market','smb'])[1 + g % 3], '{}'
     FROM generate_series(1, ${ESCALATIONS}) AS g`,
    [now],
  );
  await db.exec(
    `INSERT INTO findings (escalation_id, title, category, root_cause, metadata, created_at, kb_sync_state)
     SELECT e.id, 'finding', (${CATEGORIES})[1 + (substr(e.id, 3)::int % 12)], 'cause',
            jsonb_build_object('productAreas', jsonb_build_array((${AREAS})[1 + (substr(e.id, 3)::int % 9)])),
            e.resolved_at, 'synced'
     FROM escalations e WHERE e.resolved_at IS NOT NULL AND substr(e.id, 3)::int % 7 <> 0`,
  );
  await db.exec(
    `INSERT INTO hypotheses (escalation_id, round, rank, title, category, likelihood, evidence_ids, status)
     SELECT e.id, 1, 1, 'first guess', (${CATEGORIES})[1 + ((substr(e.id, 3)::int / 3) % 12)], 0.5, ARRAY['T-1'],
            CASE WHEN substr(e.id, 3)::int % 6 = 0 THEN 'confirmed' ELSE 'proposed' END
     FROM escalations e WHERE substr(e.id, 3)::int % 3 = 0;
     INSERT INTO verdicts (hypothesis_id, user_id, verdict, via, at)
     SELECT h.id, 'U1', 'confirm', 'reaction', e.opened_at + interval '6 hours'
     FROM hypotheses h JOIN escalations e ON e.id = h.escalation_id WHERE h.status = 'confirmed';
     ANALYZE;`,
  );
}

function accounts(): CrmAccount[] {
  return Array.from({ length: ACCOUNTS }, (_, i) => ({
    id: `ACC-${i}`,
    name: `Account ${i}`,
    segment: (["enterprise", "mid_market", "smb"] as const)[i % 3],
    industry: ["Retail", "Healthcare", "Logistics", "Software"][i % 4],
    arr: 10_000 + i * 100,
    contractStart: new Date(now.getTime() - (30 + (i % 900)) * 86_400_000).toISOString().slice(0, 10),
    renewalDate: new Date(now.getTime() + (i % 365) * 86_400_000).toISOString().slice(0, 10),
  }));
}

async function measure(name: string, db: Database): Promise<void> {
  const seeding = performance.now();
  await seed(db);
  const seeded = performance.now() - seeding;
  const input = { week: previousWeek(now, "UTC"), timeZone: "UTC", accounts: accounts(), now, logger };
  await buildDigest(db, input);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await buildDigest(db, input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? Number.NaN;
  console.log(
    `${name}: digest over ${ESCALATIONS.toLocaleString("en-US")} escalations, median ${median.toFixed(0)} ms (min ${times[0]?.toFixed(0)}, max ${times.at(-1)?.toFixed(0)}; target ≤ 1000 ms; seeding took ${(seeded / 1000).toFixed(1)} s)`,
  );
}

async function onPglite(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "warroom-bench-digest-"));
  const db = await openDatabase({ kind: "pglite", dataDir: dir }, logger);
  try {
    await measure("PGlite", db);
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<void> {
  const admin = process.env.WARROOM_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `warroom_bench_digest_${process.pid}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 10 }, logger);
  try {
    await measure("PostgreSQL", db);
  } finally {
    await db.close();
    await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

await onPglite();
await onPostgres();
