/**
 * ChatSurface: a configured chat platform as the composition root holds it. The outbound side is the
 * ChatPlatform port; the inbound side is where the platform's requests arrive (an HTTP route), the
 * entry points it registers on the war-room use-cases, and its lifecycle. The root and the HTTP server know
 * Slack, Teams and any later platform only through this interface, never through their SDK types.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WarRoomDeps } from "../war-room/deps.ts";
import type { ChatPlatform } from "./chat-platform.ts";

/** An HTTP endpoint a platform serves on warroom's server. It reads the raw request itself (signatures). */
export interface SurfaceRoute {
  method: "POST";
  /** e.g. `/slack/events`, `/api/messages`. */
  path: string;
  /** Answers one request; the platform's SDK verifies it and writes the response. */
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** One configured platform: its port, its route, its entry points and its lifecycle. */
export interface ChatSurface {
  /** The outbound port (rooms, messages, members). */
  readonly platform: ChatPlatform;
  /** Where its requests arrive; absent when it needs no route (Slack's Socket Mode). */
  readonly route?: SurfaceRoute;
  /**
   * Registers the platform's entry points (commands, buttons, reactions) on the war-room use-cases bound
   * to this platform. Called once by the composition root, before `start`.
   */
  listen(deps: WarRoomDeps): void;
  /** Connects what needs connecting (Socket Mode); a no-op for platforms that only answer HTTP. */
  start(): Promise<void>;
  /** Disconnects; waits for inbound work already handed over to finish. */
  stop(): Promise<void>;
}
