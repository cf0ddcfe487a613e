/**
 * Every action_id, block_id and callback_id warroom uses in Slack, in one place: renderers put them on
 * blocks, handlers listen for them, and a test checks them against manifest.json.
 */
export const ACTIONS = {
  confirm: "hypothesis_confirm",
  reject: "hypothesis_reject",
  chooseAccount: "escalate_choose_account",
  recordResolution: "record_resolution",
  accountPicker: "escalate_account",
  addFollowUp: "add_follow_up",
  openFromAlert: "risk_alert_open_war_room",
  dismissAlert: "risk_alert_not_now",
} as const;

export const VIEWS = {
  escalate: "escalate_modal",
  resolution: "resolution_modal",
  followUp: "follow_up_modal",
  dismissAlert: "risk_alert_not_now_modal",
} as const;

/** Block ids of the inputs in the modals (values are read back by these). */
export const INPUTS = {
  account: "account",
  summary: "summary",
  severity: "severity",
  private: "private",
  rootCause: "root_cause",
  category: "category",
  factors: "contributing_factors",
  steps: "resolution_steps",
  prevention: "preventive_actions",
  rejected: "rejected_notes",
  productAreas: "product_areas",
  taskOwner: "task_owner",
  taskText: "task_text",
  taskDue: "task_due",
  dismissReason: "dismiss_reason",
  dismissNote: "dismiss_note",
} as const;

export const COMMAND = "/escalate";
export const SHORTCUT = "escalate_from_message";
/** Reactions that give a verdict: ✅ (two spellings) confirms, ❌ rejects. */
export const VERDICT_REACTIONS: Readonly<Record<string, "confirm" | "reject">> = {
  white_check_mark: "confirm",
  heavy_check_mark: "confirm",
  x: "reject",
};
