/** auth.test, users.* and usergroups.* of the fake Slack. */
import { fail, invalidArguments, type MethodHandler, ok, readBool, readString } from "./slack-args.ts";
import type { FakeUser, FakeUsergroup, SlackState } from "./slack-state.ts";

/** A user as users.info returns it. */
export function userJson(state: SlackState, user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    team_id: state.team.id,
    name: user.name,
    real_name: user.real_name,
    deleted: user.deleted,
    is_bot: user.is_bot,
    is_app_user: false,
    profile: {
      real_name: user.real_name,
      display_name: user.name,
      ...(user.email ? { email: user.email } : {}),
      ...(user.bot_id ? { bot_id: user.bot_id } : {}),
      team: state.team.id,
    },
  };
}

function usergroupJson(state: SlackState, group: FakeUsergroup, withUsers: boolean): Record<string, unknown> {
  return {
    id: group.id,
    team_id: state.team.id,
    handle: group.handle,
    name: group.name,
    is_usergroup: true,
    user_count: group.users.length,
    ...(withUsers ? { users: [...group.users] } : {}),
  };
}

const authTest: MethodHandler = ({ state, caller }) =>
  ok({
    url: `https://${state.team.domain}.slack.com/`,
    team: state.team.name,
    user: caller.name,
    team_id: state.team.id,
    user_id: caller.id,
    ...(caller.bot_id ? { bot_id: caller.bot_id } : {}),
    is_enterprise_install: false,
  });

const usersInfo: MethodHandler = ({ state, args }) => {
  const id = readString(args, "user");
  if (!id) return invalidArguments("missing required field: user");
  const user = state.users.get(id);
  return user ? ok({ user: userJson(state, user) }) : fail("user_not_found");
};

const usersLookupByEmail: MethodHandler = ({ state, args }) => {
  const email = readString(args, "email")?.toLowerCase();
  if (!email) return invalidArguments("missing required field: email");
  const user = [...state.users.values()].find((u) => u.email?.toLowerCase() === email);
  return user ? ok({ user: userJson(state, user) }) : fail("users_not_found");
};

const usergroupsList: MethodHandler = ({ state, args }) => {
  const withUsers = readBool(args, "include_users");
  return ok({ usergroups: [...state.usergroups.values()].map((g) => usergroupJson(state, g, withUsers)) });
};

const usergroupsUsersList: MethodHandler = ({ state, args }) => {
  const id = readString(args, "usergroup");
  if (!id) return invalidArguments("missing required field: usergroup");
  const group = state.usergroups.get(id);
  return group ? ok({ users: [...group.users] }) : fail("no_such_subteam");
};

/** The user, auth and user-group methods by name. */
export const userMethods: Record<string, MethodHandler> = {
  "auth.test": authTest,
  "users.info": usersInfo,
  "users.lookupByEmail": usersLookupByEmail,
  "usergroups.list": usergroupsList,
  "usergroups.users.list": usergroupsUsersList,
};
