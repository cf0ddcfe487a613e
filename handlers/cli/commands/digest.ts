/**
 * `warroom digest [--week YYYY-Www] [--format md|json] [--post] [--chart FILE]`: builds the weekly digest
 * (default: last complete week in DIGEST_TZ) and prints it; `--post` posts it to DIGEST_CHANNEL (Slack) and
 * DIGEST_TEAMS_CHANNEL (Teams), once per week and channel, as the schedule would; `--chart` writes the chart.
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import { createTerminalChatAdapter } from "../../../integrations/local/index.ts";
import { closeServices, openServices } from "../../../src/app.ts";
import { digestSchedules } from "../../../src/app-platforms.ts";
import { loadConfig } from "../../../src/config.ts";
import { parseWeek, previousWeek, refuseFutureWeek } from "../../../src/digest/digest-week.ts";
import { renderDigestMarkdown } from "../../../src/digest/render-digest-markdown.ts";
import { InputError } from "../../../src/errors.ts";
import { systemClock } from "../../../src/ports/clock.ts";
import { checkWritableFile } from "../check-paths.ts";
import { type CliIo, cliLogger } from "../io.ts";

interface DigestOptions {
  week?: string;
  format: "md" | "json";
  post?: boolean;
  chart?: string;
}

/** Registers `digest`. */
export function registerDigest(program: Command, io: CliIo): void {
  program
    .command("digest")
    .description("build (and with --post, post) the weekly digest")
    .option("--week <week>", "ISO week like 2026-W47 (default: the last complete week in DIGEST_TZ)")
    .addOption(
      new Option("--format <format>", "md for people, json for machines")
        .choices(["md", "json"])
        .default("md"),
    )
    .option("--post", "post it to DIGEST_CHANNEL and/or DIGEST_TEAMS_CHANNEL (once per week and channel)")
    .option("--chart <file>", "also write the chart of root causes over 8 weeks as PNG")
    .action((options: DigestOptions) => digest(io, options));
}

async function digest(io: CliIo, options: DigestOptions): Promise<void> {
  const config = loadConfig(io.env, { cwd: io.cwd });
  const tz = config.digestTimeZone;
  const now = systemClock.now();
  const week = options.week ? parseWeek(options.week, tz) : previousWeek(now, tz);
  refuseFutureWeek(week, now, tz);
  const kinds = new Set([...(config.slack ? ["slack"] : []), ...(config.teams ? ["teams"] : [])]);
  // Posting to the terminal would record the week as posted and keep the real post from going out.
  const targets = options.post ? digestSchedules(config, kinds) : [];
  if (options.post && targets.length === 0)
    throw new InputError(
      config.digest
        ? "--post needs Slack for DIGEST_CHANNEL: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (without them, leave out --post)"
        : "--post needs DIGEST_CHANNEL: the channel id that receives the digest (e.g. C0123456789), or DIGEST_TEAMS_CHANNEL for Teams",
    );
  const chartPath = options.chart ? resolve(io.cwd, options.chart) : null;
  if (chartPath) await checkWritableFile(chartPath, "--chart");
  const logger = cliLogger(config);
  // Printing needs no chat platform; the terminal stands in so nothing connects to Slack needlessly.
  const chat = options.post ? undefined : createTerminalChatAdapter({ out: io.stderr, user: "terminal" });
  // The digest's queries and its chart (a native canvas) load only for this command.
  const [{ buildWeeklyDigest, postWeeklyDigest }, { renderDigestChart }] = await Promise.all([
    import("../../../src/digest/post-digest.ts"),
    import("../../../src/digest/render-digest-chart.ts"),
  ]);
  const services = await openServices(config, { logger, clock: systemClock, ...(chat ? { chat } : {}) });
  try {
    const built = await buildWeeklyDigest(week, services.digest);
    io.stdout.write(
      options.format === "json" ? `${JSON.stringify(built, null, 2)}\n` : renderDigestMarkdown(built),
    );
    if (chartPath) {
      await writeFile(chartPath, renderDigestChart(built));
      io.stderr.write(`chart written to ${chartPath}\n`);
    }
    for (const target of targets) {
      const deps = services.digests.get(target.platform) ?? services.digest;
      const outcome = await postWeeklyDigest(week, target.channel, deps, built);
      io.stderr.write(
        outcome.posted
          ? `posted to ${target.platform} ${target.channel} (${outcome.messageRef})\n`
          : `not posted to ${target.platform}: ${outcome.reason}\n`,
      );
    }
  } finally {
    await closeServices(services);
  }
}
