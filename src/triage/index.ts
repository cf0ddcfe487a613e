/**
 * Ticket triage: the public surface. `triageTicket(ticket, context)` is pure and synchronous;
 * `trainTopicModel(examples)` learns an organisation's topics from its labelled history.
 */

export { detectPolicyRisk } from "./detect-policy-risk.ts";
export { listMissingDetails } from "./list-missing-details.ts";
export { rateUrgency } from "./rate-urgency.ts";
export { readSentiment, readTone } from "./read-sentiment.ts";
export { type LabelledText, type TopicTrainingOptions, trainTopicModel } from "./train-topic-model.ts";
export { customerMessages, isCustomerAuthor, triageTicket } from "./triage-ticket.ts";
export * from "./types.ts";
