/**
 * `npm run teams:package [-- --out FILE] [--website URL]`: builds the Teams app package (manifest.json,
 * color.png, outline.png) for MICROSOFT_APP_ID into a zip to upload in the Teams admin center.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { buildAppPackage } from "../integrations/teams/app-package/index.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function main(): number {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: "warroom-teams-app.zip" },
      website: { type: "string", default: "https://warroom.example.com" },
    },
  });
  const appId = process.env.MICROSOFT_APP_ID ?? "";
  if (!GUID.test(appId)) {
    process.stderr.write(
      "MICROSOFT_APP_ID must be the bot's Microsoft app id (a GUID, from the Azure Bot resource's Configuration page). Example: MICROSOFT_APP_ID=00000000-0000-0000-0000-000000000000 npm run teams:package\n",
    );
    return 2;
  }
  if (!values.website.startsWith("https://")) {
    process.stderr.write(`--website must be an https URL (got ${values.website})\n`);
    return 2;
  }
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  const out = resolve(values.out);
  writeFileSync(out, buildAppPackage({ appId, version, websiteUrl: values.website }));
  process.stdout.write(
    `Teams app package written to ${out}: upload it in the Teams admin center (Manage apps → Upload new app)\n`,
  );
  return 0;
}

process.exitCode = main();
