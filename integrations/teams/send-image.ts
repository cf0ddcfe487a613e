/**
 * An image in a Teams conversation: an inline image attachment (base64 `data:` URL), which Teams shows in
 * the message. Files proper would need SharePoint through Graph; the digest's chart needs only to be seen.
 */
import { MessageActivityInput } from "@microsoft/teams.api";
import { ValidationError } from "../../src/errors.ts";
import type { RoomFile } from "../../src/ports/chat-platform.ts";
import { escapeText } from "./compose-activity.ts";
import type { Connector } from "./connector.ts";

/** Base64 grows bytes by a third; this keeps the activity under the 80 KB warroom allows a message. */
const MAX_IMAGE_BYTES = 56_000;

/** Posts `file` as an inline image; returns the activity id. */
export async function sendImage(
  connector: Connector,
  serviceUrl: string,
  conversationId: string,
  file: RoomFile,
): Promise<string> {
  if (file.bytes.byteLength > MAX_IMAGE_BYTES)
    throw new ValidationError(
      "teams",
      `${file.name} is ${file.bytes.byteLength} bytes; Teams messages hold at most ${MAX_IMAGE_BYTES} of inline image`,
    );
  const type = file.name.endsWith(".png") ? "image/png" : "application/octet-stream";
  const activity = new MessageActivityInput(escapeText(file.comment ?? file.title)).addAttachments({
    contentType: type,
    contentUrl: `data:${type};base64,${Buffer.from(file.bytes).toString("base64")}`,
    name: file.name,
  });
  return connector.send(serviceUrl, conversationId, activity);
}
