/**
 * The route table of the fake Notion API: method, path pattern (under /v1) and handler. A handler returns
 * the JSON to answer with, or throws a NotionApiError.
 */
import { blockRoutes } from "./block-routes.ts";
import { databaseRoutes } from "./database-routes.ts";
import { BOT_USER_ID, type NotionState } from "./notion-state.ts";
import { pageRoutes } from "./page-routes.ts";

/** What a handler sees of a request that passed auth, version, limits and JSON parsing. */
export interface RouteRequest {
  state: NotionState;
  /** The pattern's captured groups (ids from the path). */
  params: (string | undefined)[];
  body: Record<string, unknown>;
  query: URLSearchParams;
}

/** One endpoint. */
export interface Route {
  method: string;
  pattern: RegExp;
  handle: (request: RouteRequest) => unknown;
}

const usersMe: Route = {
  method: "GET",
  pattern: /^\/v1\/users\/me$/,
  handle: () => ({
    object: "user",
    id: BOT_USER_ID,
    name: "Warroom (fake)",
    avatar_url: null,
    type: "bot",
    bot: { owner: { type: "workspace", workspace: true }, workspace_name: "Fake workspace" },
  }),
};

/** Every endpoint the fake implements. */
export const routes: readonly Route[] = [...databaseRoutes, ...pageRoutes, ...blockRoutes, usersMe];

/** The route and path parameters for a request, or undefined (Notion: invalid_request_url). */
export function findRoute(
  method: string,
  path: string,
): { route: Route; params: (string | undefined)[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: match.slice(1) };
  }
  return undefined;
}
