/**
 * Shapes of the local dataset files (shared/contracts/runtime.md, "Local dataset"): each file is a JSON
 * array of case-bundle items with the extra fields that tie them to accounts.
 */
import { z } from "zod";
import {
  accountSchema,
  changeSchema,
  isoDateTime,
  knowledgeSchema,
  relatedEscalationSchema,
  SEVERITIES,
  ticketSchema,
} from "../../src/domain/case-bundle.ts";
import { changeReachSchema, requireAccountForAccountScope } from "../../src/domain/change-report.ts";

export const datasetAccountSchema = accountSchema.extend({
  ownerEmail: z
    .email({
      error: (issue) =>
        issue.input === undefined ? undefined : "expected an email address like csm@example.com",
    })
    .optional(),
});

export const datasetTicketSchema = ticketSchema.extend({ accountId: z.string().min(1) });

export const datasetChangeSchema = requireAccountForAccountScope(changeSchema.extend(changeReachSchema));

export const datasetEscalationSchema = relatedEscalationSchema
  .omit({ accountName: true, attributes: true })
  .extend({
    status: z.string().min(1),
    resolvedAt: isoDateTime.nullish(),
    severity: z.enum(SEVERITIES).optional(),
    productArea: z.string().optional(),
  });

export const datasetKnowledgeSchema = knowledgeSchema;

/** The dataset's files, in the order they are loaded, with the schema of one item each. */
export const DATASET_FILES = {
  accounts: { file: "accounts.json", item: datasetAccountSchema },
  tickets: { file: "tickets.json", item: datasetTicketSchema },
  changes: { file: "changes.json", item: datasetChangeSchema },
  escalations: { file: "escalations.json", item: datasetEscalationSchema },
  knowledge: { file: "knowledge.json", item: datasetKnowledgeSchema },
} as const;

export type DatasetAccount = z.infer<typeof datasetAccountSchema>;
export type DatasetTicket = z.infer<typeof datasetTicketSchema>;
export type DatasetChange = z.infer<typeof datasetChangeSchema>;
export type DatasetEscalation = z.infer<typeof datasetEscalationSchema>;
export type DatasetKnowledge = z.infer<typeof datasetKnowledgeSchema>;

/** A whole dataset, validated. */
export interface Dataset {
  accounts: DatasetAccount[];
  tickets: DatasetTicket[];
  changes: DatasetChange[];
  escalations: DatasetEscalation[];
  knowledge: DatasetKnowledge[];
}
