/**
 * Turns the account seeds into dataset accounts: contract dates, money, seats and scores drawn from the
 * PRNG, ids numbered by contract start (the oldest customer is ACC-0001).
 */
import type { DatasetAccount } from "../dataset-schema.ts";
import type { Rng } from "./random.ts";
import { agoDay, plusYears } from "./time.ts";
import type { AccountSeed } from "./types.ts";
import { CSMS } from "./world.ts";

/** How many escalations an account had, which pulls its health down. */
export interface EscalationLoad {
  resolved: number;
  open: number;
}

/** The accounts plus the way from an internal key to the published id. */
export interface BuiltAccounts {
  accounts: DatasetAccount[];
  idOf(key: string): string;
  seedOf(key: string): AccountSeed;
  contractStartOf(key: string): string;
}

const SEATS = { enterprise: [300, 2400], mid_market: [55, 300], smb: [5, 55] } as const;
const ARR = {
  enterprise: [200_000, 1_500_000, 1000],
  mid_market: [40_000, 200_000, 500],
  smb: [5_000, 40_000, 100],
} as const;
const PRICE_PER_SEAT = { enterprise: [380, 640], mid_market: [650, 850], smb: [520, 780] } as const;

function contractDates(seed: AccountSeed, rng: Rng): { contractStart: string; renewalDate: string } {
  if (seed.tenureDays !== undefined) {
    const contractStart = agoDay(seed.tenureDays);
    return { contractStart, renewalDate: plusYears(contractStart, 1) };
  }
  const drawn = seed.renewalSoon ? rng.int(8, 88) : rng.int(95, 360);
  const daysAhead = seed.renewalInDays ?? drawn;
  let years = rng.weighted([
    [1, 4],
    [2, 3],
    [3, 2],
  ] as const);
  if (years === 1 && daysAhead > 230) years = 2;
  const renewalDate = agoDay(-daysAhead);
  return { contractStart: plusYears(renewalDate, -years), renewalDate };
}

function money(seed: AccountSeed, rng: Rng): { seats: number; arr: number } {
  const [minSeats, maxSeats] = SEATS[seed.segment];
  const drawn = rng.int(minSeats, maxSeats);
  const seats = seed.seats ?? drawn;
  const [minPrice, maxPrice] = PRICE_PER_SEAT[seed.segment];
  const [minArr, maxArr, step] = ARR[seed.segment];
  const raw = Math.min(maxArr, Math.max(minArr, seats * rng.int(minPrice, maxPrice)));
  return { seats, arr: Math.round(raw / step) * step };
}

function plan(seed: AccountSeed, rng: Rng): string {
  if (seed.segment === "enterprise") return "enterprise";
  const scaleShare = seed.segment === "mid_market" ? 0.7 : 0.15;
  return rng.chance(scaleShare) ? "scale" : "growth";
}

function scores(seed: AccountSeed, load: EscalationLoad, rng: Rng): { healthScore: number; nps: number } {
  const tenure = seed.tenureDays ?? 999;
  const drawn = rng.int(60, 92) - 9 * load.resolved - 17 * load.open - (tenure < 120 ? 6 : 0);
  let health = seed.healthScore ?? drawn;
  health = Math.max(14, Math.min(97, health));
  const nps = Math.max(-30, Math.min(80, Math.round((health - 45) * 1.3 + rng.int(-12, 12))));
  return { healthScore: health, nps };
}

function attributes(seed: AccountSeed, seats: number, rng: Rng): Record<string, string | number | boolean> {
  const attrs: Record<string, string | number | boolean> = {
    crm: seed.crm,
    region: seed.region,
    plan: plan(seed, rng),
    seats,
    integrations: seed.modules.join(","),
    onboarding: seed.onboarding,
  };
  if (seed.syncRecordsPerDay !== undefined) attrs.syncRecordsPerDay = seed.syncRecordsPerDay;
  if (seed.paymentProvider) attrs.paymentProvider = seed.paymentProvider;
  if (seed.smsProvider) attrs.smsProvider = seed.smsProvider;
  attrs.sso = seed.sso ?? "none";
  return attrs;
}

/** One account with an empty id (numbered once all are drawn) and its contract start. */
function buildOne(
  seed: AccountSeed,
  load: EscalationLoad,
  rng: Rng,
): { account: DatasetAccount; start: string } {
  const dates = contractDates(seed, rng);
  const { seats, arr } = money(seed, rng);
  const csms = CSMS[seed.region];
  const account = {
    id: "",
    name: seed.name,
    segment: seed.segment,
    industry: seed.industry,
    arr,
    ...dates,
    ...scores(seed, load, rng),
    attributes: attributes(seed, seats, rng),
    ownerEmail: rng.pick(csms),
  };
  return { account, start: dates.contractStart };
}

/** Builds every account; `loads` holds each account's escalations (by key). */
export function buildAccounts(
  seeds: readonly AccountSeed[],
  loads: ReadonlyMap<string, EscalationLoad>,
  rng: Rng,
): BuiltAccounts {
  const drafts = seeds.map((seed) => ({
    seed,
    ...buildOne(seed, loads.get(seed.key) ?? { resolved: 0, open: 0 }, rng),
  }));
  drafts.sort((a, b) => a.start.localeCompare(b.start) || a.seed.name.localeCompare(b.seed.name));
  const ids = new Map<string, string>();
  const starts = new Map<string, string>();
  const accounts = drafts.map(({ seed, account, start }, index) => {
    const id = `ACC-${String(index + 1).padStart(4, "0")}`;
    ids.set(seed.key, id);
    starts.set(seed.key, start);
    return { ...account, id };
  });
  const bySeed = new Map(seeds.map((s) => [s.key, s]));
  const lookup = <T>(map: Map<string, T>, key: string): T => {
    const value = map.get(key);
    if (value === undefined) throw new Error(`unknown account key "${key}"`);
    return value;
  };
  return {
    accounts,
    idOf: (key) => lookup(ids, key),
    seedOf: (key) => lookup(bySeed, key),
    contractStartOf: (key) => lookup(starts, key),
  };
}
