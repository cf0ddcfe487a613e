import {
  APIErrorCode,
  APIResponseError,
  Client,
  ClientErrorCode,
  isFullDatabase,
  isFullPage,
  UnknownHTTPResponseError,
} from "@notionhq/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  FAKE_NOTION_PARENT_PAGE_ID,
  type FakeNotion,
  type FakeNotionOptions,
  startFakeNotion,
} from "../../fakes/notion/index.ts";

const SCHEMA = {
  Name: { title: {} },
  "Escalation ID": { rich_text: {} },
  Account: { rich_text: {} },
  Category: { select: { options: [{ name: "billing" }, { name: "auth" }] } },
  Score: { number: { format: "percent" } },
  Areas: { multi_select: {} },
  Resolved: { date: {} },
  "War room": { url: {} },
  Validated: { checkbox: {} },
};
const DATABASE_ID = "3c9b1f0e-2a4d-4b8c-9e6f-5d7a1c3e8b20";
const DATA_SOURCE_ID = "7a1e0c52-9d3b-4f6a-8c2e-1b5d7f9a3c40";

let fake: FakeNotion;
let notion: Client;

type ClientOptions = NonNullable<ConstructorParameters<typeof Client>[0]>;

/** A real Client on the fake, quiet, without retries unless asked. */
function clientFor(target: FakeNotion, options: ClientOptions = {}): Client {
  return new Client({ auth: target.token, baseUrl: target.url, retry: false, logger: () => {}, ...options });
}

async function restart(options: FakeNotionOptions = {}): Promise<void> {
  await fake?.close();
  fake = await startFakeNotion({
    rateLimit: false,
    databases: [{ id: DATABASE_ID, dataSourceId: DATA_SOURCE_ID, title: "Findings", properties: SCHEMA }],
    ...options,
  });
  notion = clientFor(fake);
}

beforeEach(() => restart());
afterEach(() => fake.close());

/** The APIResponseError a call failed with. */
async function notionError(call: Promise<unknown>): Promise<APIResponseError> {
  const outcome = await call.then(
    () => "fulfilled",
    (error: unknown) => error,
  );
  if (APIResponseError.isAPIResponseError(outcome)) return outcome;
  throw new Error(`expected an APIResponseError, got ${String(outcome)}`);
}

function retryAfter(error: APIResponseError): string | null {
  return error.headers instanceof Headers ? error.headers.get("retry-after") : null;
}

const text = (content: string) => [{ text: { content } }];
const paragraph = (content: string) => ({ paragraph: { rich_text: text(content) } });
const bullet = (content: string) => ({ bulleted_list_item: { rich_text: text(content) } });
/** Bullets nested `depth` deep: past what the SDK's types allow, so sent through `client.request`. */
const nested = (depth: number): Record<string, unknown> => ({
  bulleted_list_item: {
    rich_text: text(`level ${depth}`),
    ...(depth > 1 ? { children: [nested(depth - 1)] } : {}),
  },
});
const at = (iso: string) => () => new Date(iso);

/** A pages.create body for a finding row. */
function row(id: string, extra: Record<string, object> = {}) {
  return {
    parent: { data_source_id: DATA_SOURCE_ID },
    properties: {
      Name: { title: text(`Finding ${id}`) },
      "Escalation ID": { rich_text: text(id) },
      ...extra,
    },
  };
}

describe("databases and data sources", () => {
  it("creates a database under the parent page and reads its data source schema", async () => {
    const database = await notion.databases.create({
      parent: { type: "page_id", page_id: FAKE_NOTION_PARENT_PAGE_ID },
      title: text("Knowledge base"),
      initial_data_source: { properties: SCHEMA },
    });
    if (!isFullDatabase(database)) throw new Error("expected a full database");
    expect(database.parent).toEqual({ type: "page_id", page_id: FAKE_NOTION_PARENT_PAGE_ID });
    expect(database.data_sources).toEqual([{ id: fake.dataSourceOf(database.id), name: "Knowledge base" }]);
    const dataSource = await notion.dataSources.retrieve({
      data_source_id: database.data_sources[0]?.id ?? "",
    });
    expect(dataSource).toMatchObject({
      object: "data_source",
      parent: { type: "database_id", database_id: database.id },
      properties: {
        Name: { id: "title", name: "Name", type: "title", title: {} },
        Score: { type: "number", number: { format: "percent" } },
        Category: {
          select: {
            options: [{ id: expect.any(String), name: "billing", color: "default" }, { name: "auth" }],
          },
        },
      },
    });
    const orphan = notion.databases.create({ parent: { type: "page_id", page_id: crypto.randomUUID() } });
    expect(await notionError(orphan)).toMatchObject({ code: APIErrorCode.ObjectNotFound, status: 404 });
  });

  it("renames and adds properties, keeping values", async () => {
    const page = await notion.pages.create(row("ESC-1", { Account: { rich_text: text("Northwind") } }));
    await notion.dataSources.update({
      data_source_id: DATA_SOURCE_ID,
      properties: { Account: { name: "Customer" }, Owner: { rich_text: {} } },
    });
    expect(await notion.pages.retrieve({ page_id: page.id })).toMatchObject({
      properties: {
        Customer: { rich_text: [{ plain_text: "Northwind" }] },
        Owner: { type: "rich_text", rich_text: [] },
      },
    });
  });

  it("takes a database_id parent only while the database has one data source", async () => {
    const page = await notion.pages.create({ ...row("ESC-1"), parent: { database_id: DATABASE_ID } });
    expect(page).toMatchObject({
      parent: { type: "data_source_id", data_source_id: DATA_SOURCE_ID, database_id: DATABASE_ID },
    });
    await notion.dataSources.create({
      parent: { database_id: DATABASE_ID },
      properties: { Title: { title: {} } },
    });
    const ambiguous = await notionError(
      notion.pages.create({ ...row("ESC-2"), parent: { database_id: DATABASE_ID } }),
    );
    expect(ambiguous.code).toBe(APIErrorCode.ValidationError);
    expect(ambiguous.message).toMatch(/multiple data sources/);
  });
});

describe("rows", () => {
  it("creates a row with properties and nested children", async () => {
    const page = await notion.pages.create({
      ...row("ESC-1", {
        Category: { select: { name: "sso" } },
        Score: { number: 0.8 },
        Areas: { multi_select: [{ name: "login" }, { name: "saml" }] },
        Resolved: { date: { start: "2025-03-01" } },
        "War room": { url: "https://example.slack.com/archives/C1" },
        Validated: { checkbox: true },
      }),
      children: [
        { heading_2: { rich_text: text("Root cause") } },
        paragraph("The SAML certificate rolled over."),
        {
          bulleted_list_item: {
            rich_text: text("Evidence"),
            children: [
              bullet("Login failures from 09:02"),
              { to_do: { rich_text: text("Rotate"), checked: true } },
            ],
          },
        },
      ],
    });
    if (!isFullPage(page)) throw new Error("expected a full page");
    expect(page).toMatchObject({
      parent: { type: "data_source_id", data_source_id: DATA_SOURCE_ID, database_id: DATABASE_ID },
      archived: false,
      in_trash: false,
      url: `https://www.notion.so/${page.id.replaceAll("-", "")}`,
      properties: {
        Name: {
          id: "title",
          type: "title",
          title: [{ type: "text", plain_text: "Finding ESC-1", href: null }],
        },
        Category: { type: "select", select: { name: "sso", color: expect.any(String) } },
        Areas: { multi_select: [{ name: "login" }, { name: "saml" }] },
        Resolved: { date: { start: "2025-03-01", end: null, time_zone: null } },
        Validated: { checkbox: true },
        Account: { rich_text: [] },
      },
    });
    expect(fake.pageText(page.id)).toBe(
      [
        "## Root cause",
        "The SAML certificate rolled over.",
        "- Evidence",
        "  - Login failures from 09:02",
        "  [x] Rotate",
      ].join("\n"),
    );
    expect(fake.rows(DATA_SOURCE_ID)[0]?.blocks[2]?.children).toHaveLength(2);
    const children = await notion.blocks.children.list({ block_id: page.id });
    expect(children.results.map((b) => "has_children" in b && b.has_children)).toEqual([false, false, true]);
    const schema = await notion.dataSources.retrieve({ data_source_id: DATA_SOURCE_ID });
    expect(schema.properties.Category).toMatchObject({
      select: { options: [{ name: "billing" }, { name: "auth" }, { name: "sso" }] },
    });
  });

  it("queries with a rich_text equals and a last_edited_time filter, sorted, three pages of two", async () => {
    fake.setNow(at("2025-06-01T09:00:30Z"));
    const early = await notion.pages.create(
      row("ESC-1", { Account: { rich_text: text("Northwind") }, Score: { number: 10 } }),
    );
    await notion.pages.create(
      row("ESC-2", { Account: { rich_text: text("Northwind") }, Score: { number: 20 } }),
    );
    fake.setNow(at("2025-06-01T09:10:45Z"));
    for (const score of [60, 50, 40, 30, 15]) {
      await notion.pages.create(
        row(`ESC-${score}`, { Account: { rich_text: text("Northwind") }, Score: { number: score } }),
      );
    }
    await notion.pages.create(
      row("ESC-X", { Account: { rich_text: text("Cobalt") }, Score: { number: 99 } }),
    );
    const trashed = await notion.pages.create(row("ESC-T", { Account: { rich_text: text("Northwind") } }));
    await notion.pages.update({ page_id: trashed.id, in_trash: true });
    await notion.pages.update({ page_id: early.id, properties: { Validated: { checkbox: true } } });

    const seen: number[][] = [];
    let cursor: string | undefined;
    do {
      const page = await notion.dataSources.query({
        data_source_id: DATA_SOURCE_ID,
        filter: {
          and: [
            { property: "Account", rich_text: { equals: "Northwind" } },
            { timestamp: "last_edited_time", last_edited_time: { on_or_after: "2025-06-01T09:10:00.000Z" } },
          ],
        },
        sorts: [{ property: "Score", direction: "descending" }],
        page_size: 2,
        ...(cursor ? { start_cursor: cursor } : {}),
      });
      expect(page).toMatchObject({ object: "list", type: "page_or_data_source" });
      seen.push(
        page.results.map((r) =>
          isFullPage(r) && r.properties.Score?.type === "number" ? (r.properties.Score.number ?? 0) : 0,
        ),
      );
      cursor = page.next_cursor ?? undefined;
      expect(page.has_more).toBe(cursor !== undefined);
    } while (cursor);
    expect(seen).toEqual([
      [60, 50],
      [40, 30],
      [15, 10],
    ]);
    expect(fake.rows(DATA_SOURCE_ID).find((r) => r.id === early.id)?.lastEditedTime).toBe(
      "2025-06-01T09:10:00.000Z",
    );
    expect(fake.rows(DATA_SOURCE_ID).find((r) => r.id === trashed.id)?.inTrash).toBe(true);
  });

  it("bumps last_edited_time (rounded to the minute) when a person edits a row", async () => {
    fake.setNow(at("2025-06-01T09:00:30Z"));
    const page = await notion.pages.create(row("ESC-1"));
    fake.setNow(at("2025-06-01T09:07:45Z"));
    fake.editRow(page.id, { Category: { select: { name: "auth" } } });
    expect(fake.rows(DATA_SOURCE_ID)[0]).toMatchObject({
      createdTime: "2025-06-01T09:00:00.000Z",
      lastEditedTime: "2025-06-01T09:07:00.000Z",
    });
    expect(await notion.pages.retrieve({ page_id: page.id })).toMatchObject({
      last_edited_time: "2025-06-01T09:07:00.000Z",
      properties: { Category: { select: { name: "auth" } } },
    });
    expect(() => fake.editRow(page.id, { Owner: { rich_text: [] } })).toThrow(
      "Owner is not a property that exists.",
    );
  });

  it("refuses edits to a trashed row and deletes blocks", async () => {
    const page = await notion.pages.create({
      ...row("ESC-1"),
      children: [paragraph("keep"), paragraph("drop")],
    });
    const listed = await notion.blocks.children.list({ block_id: page.id });
    await notion.blocks.delete({ block_id: listed.results[1]?.id ?? "" });
    expect(fake.pageText(page.id)).toBe("keep");
    await notion.pages.update({ page_id: page.id, archived: true });
    const refused = await notionError(
      notion.pages.update({ page_id: page.id, properties: { Validated: { checkbox: true } } }),
    );
    expect(refused.message).toBe(
      "Can't edit block that is archived. You must unarchive the block before editing.",
    );
  });
});

describe("Notion's limits and validation", () => {
  it("takes at most 100 children per request and pages them back", async () => {
    const page = await notion.pages.create(row("ESC-1"));
    const lines = Array.from({ length: 101 }, (_, i) => paragraph(`line ${i}`));
    const tooMany = await notionError(notion.blocks.children.append({ block_id: page.id, children: lines }));
    expect(tooMany).toMatchObject({ code: APIErrorCode.ValidationError, status: 400 });
    expect(tooMany.message).toBe(
      "body failed validation: body.children.length should be ≤ `100`, instead was `101`.",
    );
    const appended = await notion.blocks.children.append({
      block_id: page.id,
      children: lines.slice(0, 100),
    });
    expect(appended.results).toHaveLength(100);
    const first = await notion.blocks.children.list({ block_id: page.id, page_size: 30 });
    expect(first).toMatchObject({ has_more: true, type: "block" });
    const rest = await notion.blocks.children.list({
      block_id: page.id,
      start_cursor: first.next_cursor ?? "",
    });
    expect(rest.results).toHaveLength(70);
  });

  it("refuses text over 2000 characters, nesting past two levels, unknown properties and wrong types", async () => {
    const long = await notionError(
      notion.pages.create(row("ESC-1", { Account: { rich_text: text("x".repeat(2001)) } })),
    );
    expect(long.message).toBe(
      "body failed validation: body.properties.Account.rich_text[0].text.content.length should be ≤ `2000`, instead was `2001`.",
    );
    const create = (id: string, depth: number) =>
      notion.request({ path: "pages", method: "post", body: { ...row(id), children: [nested(depth)] } });
    expect(await create("ESC-2", 3)).toMatchObject({ object: "page" });
    const deep = await notionError(create("ESC-3", 4));
    expect(deep.message).toMatch(
      /^body failed validation: body\.children\[0\]\.bulleted_list_item\.children\[0\]\.bulleted_list_item\.children\[0\]\.bulleted_list_item\.children should be not present/,
    );
    const unknown = await notionError(
      notion.pages.create(row("ESC-4", { Owner: { rich_text: text("ana") } })),
    );
    expect(unknown.message).toBe("Owner is not a property that exists.");
    const wrongType = await notionError(
      notion.pages.create(row("ESC-5", { Score: { rich_text: text("high") } })),
    );
    expect(wrongType.message).toBe("Score is expected to be number.");
    const filter = notion.dataSources.query({
      data_source_id: DATA_SOURCE_ID,
      filter: { property: "Severity", select: { equals: "1" } },
    });
    expect((await notionError(filter)).message).toBe("Could not find property with name or id: Severity");
    expect(fake.rows(DATA_SOURCE_ID)).toHaveLength(1);
  });
});

describe("auth, versions and outages", () => {
  it("refuses a wrong token and a missing or other Notion-Version", async () => {
    const wrongToken = await notionError(clientFor(fake, { auth: "ntn_wrong" }).users.me({}));
    expect(wrongToken).toMatchObject({
      code: APIErrorCode.Unauthorized,
      status: 401,
      message: "API token is invalid.",
    });
    const oldVersion = await notionError(clientFor(fake, { notionVersion: "2022-06-28" }).users.me({}));
    expect(oldVersion).toMatchObject({
      code: APIErrorCode.ValidationError,
      message: expect.stringContaining('"2025-09-03"'),
    });
    const raw = await fetch(`${fake.url}/v1/users/me`, {
      headers: { authorization: `Bearer ${fake.token}` },
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ object: "error", status: 400, code: "missing_version" });
    // missing_version is not in the SDK's list of API codes, so the SDK reports it as an unknown response.
    const viaSdk = await clientFor(fake, { notionVersion: "" })
      .users.me({})
      .catch((error: unknown) => error);
    expect(UnknownHTTPResponseError.isUnknownHTTPResponseError(viaSdk) && viaSdk.code).toBe(
      ClientErrorCode.ResponseError,
    );
  });

  it("answers 503 service_unavailable while down, then recovers", async () => {
    fake.setDown(true);
    const down = await notionError(notion.dataSources.retrieve({ data_source_id: DATA_SOURCE_ID }));
    expect(down).toMatchObject({ code: APIErrorCode.ServiceUnavailable, status: 503 });
    fake.setDown(false);
    expect(await notion.dataSources.retrieve({ data_source_id: DATA_SOURCE_ID })).toMatchObject({
      id: DATA_SOURCE_ID,
    });
  });

  it("fails on cue: GETs are retried by the SDK, writes are not", async () => {
    const retrying = clientFor(fake, { retry: { initialRetryDelayMs: 10 } });
    fake.failNext({ status: 500, code: "internal_server_error" });
    expect(await retrying.dataSources.retrieve({ data_source_id: DATA_SOURCE_ID })).toMatchObject({
      id: DATA_SOURCE_ID,
    });
    fake.failNext({ status: 500, code: "internal_server_error" });
    expect(await notionError(retrying.pages.create(row("ESC-1")))).toMatchObject({
      code: APIErrorCode.InternalServerError,
    });
    fake.failNext({ status: 429, code: "rate_limited", retryAfter: 7, times: 2 });
    const limited = await notionError(notion.pages.create(row("ESC-2")));
    expect([limited.code, retryAfter(limited)]).toEqual([APIErrorCode.RateLimited, "7"]);
    expect(await notionError(notion.pages.create(row("ESC-2")))).toMatchObject({
      code: APIErrorCode.RateLimited,
    });
    expect(await notion.pages.create(row("ESC-2"))).toMatchObject({ object: "page" });
    const outcomes = fake.calls.map((c) => `${c.method} ${c.status}`);
    expect(outcomes).toEqual(["GET 500", "GET 200", "POST 500", "POST 429", "POST 429", "POST 200"]);
  });
});

describe("rate limit", () => {
  const burst = (client: Client) =>
    Promise.allSettled(
      Array.from({ length: 20 }, () => client.dataSources.retrieve({ data_source_id: DATA_SOURCE_ID })),
    );

  it("answers 429 rate_limited with Retry-After past the burst (SDK retries off)", async () => {
    await restart({ rateLimit: { perSecond: 3, burst: 10 } });
    const outcomes = await burst(notion);
    const refused = outcomes.flatMap((o) =>
      o.status === "rejected" && APIResponseError.isAPIResponseError(o.reason) ? [o.reason] : [],
    );
    // Ten go through at once; the rest only if they trickle in slower than three a second.
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBeGreaterThanOrEqual(10);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length + outcomes.filter((o) => o.status === "fulfilled").length).toBe(20);
    for (const error of refused) {
      expect(error.code).toBe(APIErrorCode.RateLimited);
      expect(retryAfter(error)).toMatch(/^[1-9]\d*$/);
    }
  });

  it("lets the SDK's default retries through after waiting out Retry-After", async () => {
    await restart({ rateLimit: { perSecond: 3, burst: 10 } });
    const outcomes = await burst(clientFor(fake, { retry: undefined }));
    expect(outcomes.every((o) => o.status === "fulfilled")).toBe(true);
    const refused = fake.calls.filter((c) => c.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(fake.calls.filter((c) => c.status === 200)).toHaveLength(20);
  });
});
