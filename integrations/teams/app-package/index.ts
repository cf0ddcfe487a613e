/**
 * The Teams app package: manifest.json, color.png and outline.png in one zip, as an admin uploads it in the
 * Teams admin center (or "Upload a custom app").
 */
import { zipSync } from "fflate";
import { colorIcon, outlineIcon } from "./icons.ts";
import { buildManifest, type ManifestInput } from "./manifest.ts";

export { buildManifest, MANIFEST_VERSION, type ManifestInput } from "./manifest.ts";

/** The zip's bytes. */
export function buildAppPackage(input: ManifestInput): Uint8Array {
  const manifest = new TextEncoder().encode(`${JSON.stringify(buildManifest(input), null, 2)}\n`);
  return zipSync({ "manifest.json": manifest, "color.png": colorIcon(), "outline.png": outlineIcon() });
}
