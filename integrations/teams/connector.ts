/**
 * The Bot Connector calls warroom makes, through the Teams SDK's API client scoped to a conversation's
 * serviceUrl (`app.api.clone({ serviceUrl })`): send, update in place, and members page by page.
 */
import type { MessageActivityInput } from "@microsoft/teams.api";
import type { App } from "@microsoft/teams.apps";

/** A member of a conversation as the Connector lists it. */
export interface ConnectorMember {
  /** Entra object id (what warroom uses), else the Bot Framework id. */
  id: string;
  name: string;
  email: string | null;
}

/** Connector operations for one app. */
export function createConnector(app: App) {
  const conversations = (serviceUrl: string) =>
    app.api.clone({ serviceUrl: serviceUrl.replace(/\/+$/, "") }).conversations;
  return {
    /** Posts an activity; returns its id. */
    async send(serviceUrl: string, conversationId: string, activity: MessageActivityInput): Promise<string> {
      const sent = await conversations(serviceUrl).createActivity(conversationId, activity);
      return sent.id;
    },
    /** Replaces a posted activity. */
    async update(
      serviceUrl: string,
      conversationId: string,
      activityId: string,
      activity: MessageActivityInput,
    ): Promise<void> {
      await conversations(serviceUrl).updateActivity(conversationId, activityId, activity);
    },
    /** Everyone in the conversation (a channel: the team's roster), page by page. */
    async members(serviceUrl: string, conversationId: string): Promise<ConnectorMember[]> {
      const all: ConnectorMember[] = [];
      let token: string | undefined;
      do {
        const page = await conversations(serviceUrl).getPagedMembers(conversationId, 500, token);
        for (const m of page.members)
          all.push({
            id: m.aadObjectId ?? m.id,
            name: m.name,
            email: m.email ?? m.userPrincipalName ?? null,
          });
        token = page.continuationToken || undefined;
      } while (token);
      return all;
    },
  };
}

/** The Connector operations. */
export type Connector = ReturnType<typeof createConnector>;
