import { describe, expect, it } from "vitest";
import { describeFailure, describeFailureText } from "../../src/describe-failure.ts";
import { mention, withMentions } from "../../src/domain/message-text.ts";
import {
  AuthError,
  ConfigError,
  InputError,
  IntegrationError,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  ValidationError,
} from "../../src/errors.ts";

describe("describeFailure", () => {
  it("says in words which system failed and how, never the client's message", () => {
    const raw = "An HTTP protocol error occurred: statusCode = 500";
    const cases: [unknown, string][] = [
      [
        new IntegrationError("slack", "request_failed", raw),
        "Slack did not answer properly (a failure on its side or on the way).",
      ],
      [new RateLimitedError("teams", 30_000), "Microsoft Teams asked warroom to slow down for 30 s."],
      [
        new AuthError("notion", `unauthorized: ${raw}`, { fix: "an admin should check NOTION_TOKEN" }),
        "Notion did not accept warroom's credentials: an admin should check NOTION_TOKEN.",
      ],
      [new PermissionError("salesforce", raw), "Salesforce did not allow what warroom asked."],
      [new NotFoundError("slack", raw), "Slack could not find what warroom asked for."],
      [new ValidationError("teams", raw), "Microsoft Teams refused what warroom sent."],
      [new IntegrationError("openai", "timeout", raw), "The LLM service did not answer in time."],
      [
        new TypeError("Cannot read properties of undefined (reading 'id')"),
        "Something went wrong inside warroom.",
      ],
    ];
    for (const [error, words] of cases) {
      expect(describeFailure(error)).toBe(words);
      expect(describeFailure(error)).not.toContain("statusCode");
    }
  });

  it("keeps input and configuration errors, which are written for people already", () => {
    const input = new InputError('no account is named "Calder"; use its id or full name');
    expect(describeFailure(input)).toBe(input.message);
    const config = new ConfigError("SLACK_BOT_TOKEN must start with xoxb- (e.g. xoxb-1234)");
    expect(describeFailure(config)).toBe(config.message);
  });

  it("keeps the people an input error names as mentions for chat, and as @id in its message for logs", () => {
    const text = withMentions`follow-up #1 is already done (by ${mention("U0CSM")})`;
    const input = new InputError(text);
    expect(input.message).toBe("follow-up #1 is already done (by @U0CSM)");
    expect(describeFailureText(input)).toEqual([
      "follow-up #1 is already done (by ",
      { mention: "U0CSM" },
      ")",
    ]);
    const failed = new IntegrationError("slack", "timeout", "socket hang up");
    expect(describeFailureText(failed)).toBe(describeFailure(failed));
  });
});
