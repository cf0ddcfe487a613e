import { describe, expect, it } from "vitest";
import { chooseOnset, findStartMentions } from "../../../src/engine/find-onset.ts";

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe("findStartMentions", () => {
  it("reads explicit start times relative to when they were written", () => {
    const mentions = findStartMentions([
      {
        text: "Median query time is ~4 min since 22:40 UTC yesterday (normally 1.8s).",
        at: at("2026-09-14T07:10:00Z"),
      },
      { text: "Failures are on one network. First failure 14:06 UTC.", at: at("2026-11-26T17:30:00Z") },
    ]);
    expect(mentions.map((m) => iso(m.at))).toEqual(["2026-09-13T22:40:00.000Z", "2026-11-26T14:06:00.000Z"]);
    expect(mentions.every((m) => m.precise)).toBe(true);
  });

  it("puts a bare time later than the moment of writing on the previous day", () => {
    const [m] = findStartMentions([
      { text: "Degraded performance since 22:40 UTC.", at: at("2026-09-14T07:55:00Z") },
    ]);
    expect(m && iso(m.at)).toBe("2026-09-13T22:40:00.000Z");
  });

  it("skips guesses, loose spans and dates without a start word", () => {
    const mentions = findStartMentions([
      {
        text: "We moved the servers to a new VLAN on Jul 20, did that break it?",
        at: at("2026-08-02T08:00:00Z"),
      },
      { text: "Since last week the numbers are blank.", at: at("2026-11-18T09:03:00Z") },
      { text: "Notices went to the admin list on Jul 14 and Aug 19.", at: at("2026-10-07T21:30:00Z") },
    ]);
    expect(mentions).toEqual([]);
  });
});

describe("findStartMentions with weeks named", () => {
  it("reads 'Tuesday of last week' as the Tuesday of the previous calendar week", () => {
    // Written on Thursday 12 November: the Tuesday of last week is 3 November, not 10 November.
    const mentions = findStartMentions([
      { text: "Since Tuesday of last week, 13:20 UTC, 41 batches failed.", at: at("2026-11-12T14:20:00Z") },
      { text: "Failing since Monday last week.", at: at("2026-11-12T14:20:00Z") },
      { text: "Errors since Wednesday of this week.", at: at("2026-11-12T14:20:00Z") },
    ]);
    expect(mentions.map((m) => `${iso(m.at)} ${m.precise}`)).toEqual([
      "2026-11-03T13:20:00.000Z true",
      "2026-11-02T00:00:00.000Z false",
      "2026-11-11T00:00:00.000Z false",
    ]);
  });
});

describe("chooseOnset", () => {
  const first = at("2026-01-19T08:10:00Z");

  it("prefers a precise time from the logs over a vaguely named day", () => {
    const mentions = findStartMentions([
      { text: "Since Monday morning students cannot log in.", at: at("2026-01-21T15:00:00Z") },
      { text: "Every assertion since 2026-01-19 06:58 UTC is rejected.", at: at("2026-01-19T09:05:00Z") },
    ]);
    expect(iso(chooseOnset(first, mentions).at)).toBe("2026-01-19T06:58:00.000Z");
  });

  it("uses a named day when it is clearly earlier than the first ticket", () => {
    const mentions = findStartMentions([{ text: "Errors since Nov 10.", at: at("2026-11-18T09:40:00Z") }]);
    expect(iso(chooseOnset(at("2026-11-18T09:03:00Z"), mentions).at)).toBe("2026-11-10T00:00:00.000Z");
  });

  it("falls back to the first ticket without mentions", () => {
    expect(chooseOnset(first, []).at).toBe(first);
  });
});
