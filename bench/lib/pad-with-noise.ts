/**
 * Pads a case bundle with plausible but unrelated support history (seeded): tickets, our deploys, other
 * accounts' escalations and findings about other product areas, dated across the 90 days before the
 * escalation so that neither age nor id gives them away.
 */
import type { CaseBundle } from "../../src/domain/case-bundle.ts";
import { seededRandom } from "../../src/domain/seeded-random.ts";

const DAY = 86_400_000;
const TOPICS = [
  {
    area: "mobile-app",
    subject: "Dark mode colours unreadable on tablets",
    detail: "Field staff on older tablets cannot read greyed buttons in dark mode.",
  },
  {
    area: "search",
    subject: "Search does not find archived projects",
    detail: "Archived projects are missing from global search results unless the filter is set.",
  },
  {
    area: "email-templates",
    subject: "Logo blurry in notification emails",
    detail: "The header logo in outgoing notification emails is scaled and looks blurry in Outlook.",
  },
  {
    area: "user-profile",
    subject: "Cannot change profile picture",
    detail: "Uploading a PNG larger than 2 MB for the avatar fails silently.",
  },
  {
    area: "calendar",
    subject: "Week view starts on Sunday",
    detail: "Team wants the calendar week view to start on Monday for their region.",
  },
  {
    area: "printing",
    subject: "Printed work orders cut off the footer",
    detail: "A4 printouts of work orders lose the signature footer.",
  },
  {
    area: "localisation",
    subject: "Dutch translation missing on settings page",
    detail: "Several labels on the settings page still show in English for Dutch users.",
  },
  {
    area: "accessibility",
    subject: "Screen reader skips table headers",
    detail: "NVDA does not announce column headers on the assets table.",
  },
];

/** Sizes of the padding. */
export interface NoiseSize {
  tickets: number;
  changes: number;
  related: number;
  knowledge: number;
}

/** About four times the pack budget of text: the pack has to choose. */
export const DEFAULT_NOISE: NoiseSize = { tickets: 120, changes: 60, related: 30, knowledge: 60 };

/** `bundle` plus seeded noise with ids prefixed `NOISE-`. */
export function padWithNoise(bundle: CaseBundle, seed: number, size: NoiseSize = DEFAULT_NOISE): CaseBundle {
  const rnd = seededRandom(seed);
  const opened = Date.parse(bundle.escalation.openedAt);
  const when = () => new Date(opened - Math.floor(rnd() * 90 * DAY)).toISOString().replace(".000Z", "Z");
  const topic = () => TOPICS[Math.floor(rnd() * TOPICS.length)]!;
  const tickets = Array.from({ length: size.tickets }, (_, i) => {
    const t = topic();
    const at = when();
    return {
      id: `NOISE-T${i}`,
      subject: t.subject,
      description: `${t.detail} Reported by the ${["ops", "finance", "field", "admin"][i % 4]} team.`,
      status: "closed",
      priority: "normal",
      createdAt: at,
      closedAt: at,
      resolution: "Explained the setting; customer satisfied.",
      tags: [t.area],
      comments: [{ at, author: "agent", body: `Reproduced: ${t.detail.toLowerCase()} Workaround shared.` }],
    };
  });
  const changes = Array.from({ length: size.changes }, (_, i) => {
    const t = topic();
    return {
      id: `NOISE-C${i}`,
      at: when(),
      source: "vendor_deploy" as const,
      scope: "global" as const,
      title: `${t.area} release ${i % 9}.${i}`,
      description: `Improves ${t.area}: ${t.detail}`,
      productArea: t.area,
    };
  });
  const relatedEscalations = Array.from({ length: size.related }, (_, i) => ({
    id: `NOISE-E${i}`,
    accountId: `NOISE-ACC-${i}`,
    accountName: `Noise Account ${i}`,
    openedAt: when(),
    summary: topic().detail,
    status: "resolved",
  }));
  const knowledge = Array.from({ length: size.knowledge }, (_, i) => {
    const t = topic();
    return {
      id: `NOISE-K${i}`,
      title: t.subject,
      category: "documentation_gap" as const,
      symptoms: t.detail,
      rootCause: "Setting not documented.",
      tags: [t.area],
    };
  });
  return {
    ...bundle,
    tickets: [...bundle.tickets, ...tickets],
    changes: [...bundle.changes, ...changes],
    relatedEscalations: [...bundle.relatedEscalations, ...relatedEscalations],
    knowledge: [...bundle.knowledge, ...knowledge],
  };
}
