/**
 * Ticket triage: the public surface. `triageTicket(ticket, context)` is pure and synchronous;
 * `trainTopicModel(examples)` learns an organisation's topics from its labelled history.
 */

export { detectPolicyRisk } from "./detect-policy-risk.ts";
export { type ClassScore, evaluateTopics, scoreClasses, type TopicEvaluation } from "./evaluate-topics.ts";
export { listMissingDetails } from "./list-missing-details.ts";
export { rateUrgency } from "./rate-urgency.ts";
export { readLabelledCsv } from "./read-labelled-csv.ts";
export { readSentiment, readTone } from "./read-sentiment.ts";
export { renderTriageMarkdown, summariseTriage } from "./render-triage.ts";
export { cliTicketSchema, type PushedTicket, pushedTicketSchema } from "./ticket-input.ts";
export { type LabelledText, type TopicTrainingOptions, trainTopicModel } from "./train-topic-model.ts";
export { customerMessages, isCustomerAuthor, triageTicket } from "./triage-ticket.ts";
export * from "./types.ts";
