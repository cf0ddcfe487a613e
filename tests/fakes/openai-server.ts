/**
 * A fake OpenAI-compatible server on 127.0.0.1: POST /v1/chat/completions with the real request checks
 * (bearer key, model, messages, a strict json_schema response_format) and the real answer and error shapes.
 * Each test scripts the next answers; every request body is recorded so tests can see what left the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake does with one request. */
export type FakeReply =
  | { kind: "answer"; content: (request: ChatRequest) => unknown; delayMs?: number }
  | { kind: "raw-content"; content: string }
  | { kind: "error"; status: number; code: string; message: string; retryAfter?: number }
  | { kind: "hang" };

/** The parts of a chat completion request the fake checks and tests read. */
export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
}

/** A running fake. */
export interface FakeOpenAi {
  baseUrl: string;
  requests: ChatRequest[];
  /** Replies used in order; the last one repeats. */
  script(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  retryAfter?: number,
): void {
  res.writeHead(status, {
    "content-type": "application/json",
    ...(retryAfter ? { "retry-after": String(retryAfter) } : {}),
  });
  res.end(
    JSON.stringify({
      error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", param: null, code },
    }),
  );
}

function completion(model: string, content: string) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

async function body(req: IncomingMessage): Promise<string> {
  let data = "";
  for await (const chunk of req) data += chunk;
  return data;
}

/** Starts the fake on a free port. */
export async function startFakeOpenAi(apiKey = "sk-test"): Promise<FakeOpenAi> {
  let replies: FakeReply[] = [];
  const requests: ChatRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer(async (req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/chat/completions")
      return sendError(res, 404, "not_found", `no route ${req.url}`);
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return sendError(res, 401, "invalid_api_key", "Incorrect API key provided");
    let request: ChatRequest;
    try {
      request = JSON.parse(await body(req)) as ChatRequest;
    } catch {
      return sendError(res, 400, "invalid_json", "We could not parse the JSON body of your request.");
    }
    if (!request.model || !Array.isArray(request.messages))
      return sendError(res, 400, "invalid_request", "model and messages are required");
    const format = request.response_format;
    if (format?.type !== "json_schema" || format.json_schema?.strict !== true) {
      return sendError(res, 400, "invalid_request", "response_format must be a strict json_schema");
    }
    requests.push(request);
    const reply = replies.length > 1 ? replies.shift()! : replies[0];
    if (!reply) return sendError(res, 500, "no_script", "the test scripted no reply");
    switch (reply.kind) {
      case "hang":
        hanging.push(res);
        return;
      case "error":
        return sendError(res, reply.status, reply.code, reply.message, reply.retryAfter);
      case "raw-content":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify(completion(request.model, reply.content)));
      case "answer":
        // A slow model: the answer comes after the room has moved on.
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify(completion(request.model, JSON.stringify(reply.content(request)))));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...next) => {
      replies = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
