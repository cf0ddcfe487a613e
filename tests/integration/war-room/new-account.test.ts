/**
 * A new customer: an account with no tickets, changes, earlier escalations or findings anywhere. Its
 * war-room opens with the context card and says there is nothing to analyse yet, on Slack and on Teams,
 * and the process keeps serving (the engine used to reject the empty bundle and take `serve` down).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getWarRoom, isWarRoomReady } from "../../../src/storage/war-room-store.ts";
import { slackDriver, teamsDriver, type WarRoomDriver } from "../../support/war-room-drivers.ts";

const WAIT = { timeout: 45_000, interval: 250 };
const ACCOUNT = {
  id: "ACC-0901",
  name: "Brandnew Bakery",
  segment: "smb",
  industry: "Food",
  arr: 12000,
  contractStart: "2026-11-01",
  renewalDate: "2027-11-01",
};

describe.each([
  ["slack", slackDriver],
  ["teams", teamsDriver],
])("an escalation for an account with no history, on %s", (_platform, make) => {
  let d: WarRoomDriver;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "warroom-new-account-"));
    await writeFile(join(dataDir, "accounts.json"), JSON.stringify([ACCOUNT]));
    d = await make({ env: { CRM_DATA_DIR: dataDir } });
  }, 90_000);
  afterAll(async () => {
    await d?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("opens the room with the context card and says there is nothing to analyse yet", async () => {
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      await d.escalate(d.users.alice, 'Brandnew Bakery "orders page blank since yesterday"');
      let id = "";
      await vi.waitFor(async () => {
        const [row] = await d.services.db.query<{ id: string }>(
          "SELECT id FROM escalations WHERE account_id = $1",
          [ACCOUNT.id],
        );
        id = row?.id ?? "";
        expect(id).not.toBe("");
        expect(await isWarRoomReady(d.services.db, id)).toBe(true);
      }, WAIT);
      const room = (await getWarRoom(d.services.db, id))!;
      const posted = d.messages(room.room.id);
      expect(posted[0]?.json).toContain("Brandnew Bakery");
      expect(posted.some((m) => m.json.includes("Nothing to analyse yet"))).toBe(true);
      expect(posted.filter((m) => m.hypothesisId)).toEqual([]);
      expect(await d.services.db.query("SELECT 1 FROM hypotheses WHERE escalation_id = $1", [id])).toEqual(
        [],
      );
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });
});
