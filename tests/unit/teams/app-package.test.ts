/**
 * The Teams app package, validated offline against Microsoft's JSON schema for its manifest version (the
 * schemas ship in @microsoft/app-manifest): the manifest, its command list and message action matching
 * what the handlers answer, the RSC permissions, and the two icons Teams asks for.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { AppManifestUtils } from "@microsoft/app-manifest";
import { createCanvas, loadImage } from "@napi-rs/canvas";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { HELP } from "../../../handlers/teams/commands.ts";
import { buildAppPackage, MANIFEST_VERSION } from "../../../integrations/teams/app-package/index.ts";
import { COMMANDS, MESSAGE_ACTION } from "../../../integrations/teams/ids.ts";

const APP_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const files = unzipSync(
  buildAppPackage({ appId: APP_ID, version: "0.1.0", websiteUrl: "https://warroom.example.com" }),
);
const manifest = JSON.parse(new TextDecoder().decode(files["manifest.json"]));

function schema(): Record<string, unknown> {
  const dir = join(
    createRequire(import.meta.url).resolve("@microsoft/app-manifest"),
    "../json-schemas/teams",
  );
  return JSON.parse(readFileSync(join(dir, `v${MANIFEST_VERSION}`, "MicrosoftTeams.schema.json"), "utf8"));
}

const size = (png: Uint8Array) => {
  const view = new DataView(png.buffer, png.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20), colorType: png[25] };
};

describe("Teams app package", () => {
  it("holds exactly manifest.json, color.png and outline.png", () => {
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
  });

  it("has a manifest that validates against Microsoft's schema, offline", async () => {
    // The schema is read from the package, so validation needs no network.
    const problems = await AppManifestUtils.validateAgainstSchema(manifest, schema() as never);
    expect(problems).toEqual([]);
    expect(manifest).toMatchObject({
      manifestVersion: MANIFEST_VERSION,
      id: APP_ID,
      bots: [{ botId: APP_ID }],
    });
  });

  it("catches a broken manifest (the check is real)", async () => {
    const broken = {
      ...manifest,
      accentColor: "red",
      bots: [{ ...manifest.bots[0], scopes: ["everywhere"] }],
    };
    expect((await AppManifestUtils.validateAgainstSchema(broken, schema() as never)).length).toBeGreaterThan(
      0,
    );
  });

  it("suggests the commands the bot answers, and offers the message action", () => {
    const titles = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title);
    expect(titles).toEqual(COMMANDS.map((c) => c.title));
    for (const title of titles) expect(HELP).toContain(title);
    expect(manifest.composeExtensions[0].commands[0]).toMatchObject({
      id: MESSAGE_ACTION,
      type: "action",
      context: ["message"],
      fetchTask: true,
    });
  });

  it("asks for the resource-specific permissions war-rooms need in the Escalations team", () => {
    const names = manifest.authorization.permissions.resourceSpecific.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Channel.Create.Group",
        "ChannelSettings.ReadWrite.Group",
        "TeamMember.Read.Group",
        "ChannelMessage.Read.Group",
        "ChatMessage.Read.Chat",
      ]),
    );
    expect(manifest.webApplicationInfo.id).toBe(APP_ID);
  });

  it("has a 192×192 colour icon and a 32×32 outline icon that is white on transparency", async () => {
    expect(size(files["color.png"]!)).toMatchObject({ width: 192, height: 192 });
    expect(size(files["outline.png"]!)).toMatchObject({ width: 32, height: 32, colorType: 6 });
    const image = await loadImage(Buffer.from(files["outline.png"]!));
    const ctx = createCanvas(32, 32).getContext("2d");
    ctx.drawImage(image, 0, 0);
    const pixels = ctx.getImageData(0, 0, 32, 32).data;
    expect(pixels[3]).toBe(0);
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i + 3]! > 0) expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
  });
});
