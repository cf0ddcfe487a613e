/**
 * File upload v2 of the fake Slack: files.getUploadURLExternal hands out an upload_url on the fake, the bytes
 * are POSTed there (raw or multipart, as WebClient does), and files.completeUploadExternal shares them.
 */
import {
  fail,
  findChannel,
  invalidArguments,
  isRecord,
  type MethodHandler,
  multipart,
  ok,
  readInt,
  readJson,
  readString,
} from "./slack-args.ts";
import { type FakeFile, type FakeMessage, nextId, nextTs, type SlackState } from "./slack-state.ts";

/** A file as files.completeUploadExternal returns it. */
function fileJson(state: SlackState, file: FakeFile, owner: string): Record<string, unknown> {
  return {
    id: file.id,
    name: file.filename,
    title: file.title,
    size: file.bytes?.length ?? 0,
    user: owner,
    channels: [...file.channels],
    url_private: `https://files.slack.com/files-pri/${state.team.id}-${file.id}/${file.filename}`,
    permalink: `https://${state.team.domain}.slack.com/files/${owner}/${file.id}/${file.filename}`,
  };
}

const getUploadUrlExternal: MethodHandler = ({ state, args }) => {
  const filename = readString(args, "filename");
  if (!filename) return invalidArguments("missing required field: filename");
  const length = readInt(args, "length");
  if (length === undefined) return invalidArguments("missing required field: length");
  if (length < 1) return invalidArguments("must be greater than 0 [json-pointer:/length]");
  const id = nextId(state, "F");
  const altText = readString(args, "alt_text");
  state.files.set(id, {
    id,
    filename,
    title: filename,
    length,
    completed: false,
    channels: [],
    ...(altText ? { alt_text: altText } : {}),
  });
  return ok({ upload_url: `${state.baseUrl}/upload/v1/${id}`, file_id: id });
};

/** Stores the bytes POSTed to an upload_url; false when the url names no pending file. */
export async function receiveUpload(
  state: SlackState,
  fileId: string,
  contentType: string,
  body: Buffer,
): Promise<boolean> {
  const file = state.files.get(fileId);
  if (!file || file.completed) return false;
  let bytes = body;
  if (contentType.toLowerCase().startsWith("multipart/form-data")) {
    const form = await multipart(contentType, body);
    const part = form ? [...form.values()].find((value) => typeof value !== "string") : undefined;
    if (part) bytes = Buffer.from(await part.arrayBuffer());
  }
  file.bytes = bytes;
  return true;
}

const completeUploadExternal: MethodHandler = (ctx) => {
  const filesArg = readJson(ctx.args, "files");
  if (!filesArg) return invalidArguments("missing required field: files");
  if ("invalid" in filesArg || !Array.isArray(filesArg.value) || filesArg.value.length === 0) {
    return invalidArguments("must provide a non-empty array [json-pointer:/files]");
  }
  const files: FakeFile[] = [];
  for (const entry of filesArg.value) {
    const file = isRecord(entry) && typeof entry.id === "string" ? ctx.state.files.get(entry.id) : undefined;
    if (!file?.bytes || file.completed) return fail("file_not_found");
    if (isRecord(entry) && typeof entry.title === "string") file.title = entry.title;
    files.push(file);
  }
  const channelId = readString(ctx.args, "channel_id");
  const channel = channelId ? findChannel(ctx, "channel_id") : undefined;
  if (channelId && !channel) return fail("channel_not_found");
  if (channel?.is_archived) return fail("is_archived");
  if (channel && !channel.members.includes(ctx.caller.id)) return fail("not_in_channel");
  const comment = readString(ctx.args, "initial_comment");
  for (const file of files) {
    file.completed = true;
    if (channel) file.channels.push(channel.id);
    if (comment) file.initial_comment = comment;
  }
  if (channel) {
    const threadTs = readString(ctx.args, "thread_ts");
    const message: FakeMessage = {
      type: "message",
      channel: channel.id,
      ts: nextTs(ctx.state),
      text: comment ?? "",
      user: ctx.caller.id,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      files: files.map((f) => f.id),
      reactions: [],
    };
    ctx.state.messages.get(channel.id)?.push(message);
  }
  return ok({ files: files.map((f) => fileJson(ctx.state, f, ctx.caller.id)) });
};

/** The file methods by name. */
export const fileMethods: Record<string, MethodHandler> = {
  "files.getUploadURLExternal": getUploadUrlExternal,
  "files.completeUploadExternal": completeUploadExternal,
};
