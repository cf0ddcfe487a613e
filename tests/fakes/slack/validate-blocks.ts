/**
 * Block Kit limits as Slack enforces them on messages and views. Each problem becomes one of Slack's
 * explanations, `"<what> [json-pointer:<where>]"`, e.g. `must be less than 3001 characters
 * [json-pointer:/blocks/0/text/text]`.
 */
import { charCount, isRecord } from "./slack-args.ts";

type Issues = string[];
type Check = (issues: Issues, value: Record<string, unknown>, at: string) => void;

const MAX_ID = 255;

function report(issues: Issues, message: string, at: string): void {
  issues.push(`${message} [json-pointer:${at}]`);
}

/** A string field no longer than `max` (absent is fine unless `required`). */
export function checkString(issues: Issues, value: unknown, at: string, max: number, required = false): void {
  if (value === undefined) {
    if (required) report(issues, "must be provided", at);
    return;
  }
  if (typeof value !== "string") {
    report(issues, "must be a string", at);
    return;
  }
  if (required && value.length === 0) {
    report(issues, "must be more than 0 characters", at);
    return;
  }
  if (charCount(value) > max) report(issues, `must be less than ${max + 1} characters`, at);
}

/** A text object (`{ type, text }`) with Slack's length and type rules. */
export function checkText(
  issues: Issues,
  value: unknown,
  at: string,
  limits: { max: number; plainOnly?: boolean; required?: boolean },
): void {
  if (value === undefined && limits.required === false) return;
  if (!isRecord(value)) {
    report(issues, "must provide an object", at);
    return;
  }
  if (value.type !== "plain_text" && value.type !== "mrkdwn") {
    report(issues, "must be one of plain_text, mrkdwn", `${at}/type`);
    return;
  }
  if (limits.plainOnly && value.type !== "plain_text") {
    report(issues, "must be plain_text", `${at}/type`);
    return;
  }
  checkString(issues, value.text, `${at}/text`, limits.max, true);
}

/** An array with at most `max` items (at least `min`); false when it is not a usable array. */
function checkArray(issues: Issues, value: unknown, at: string, max: number, min = 1): value is unknown[] {
  if (!Array.isArray(value)) {
    report(issues, "must provide an array", at);
    return false;
  }
  if (value.length < min) report(issues, `must provide at least ${min} items`, at);
  if (value.length > max) report(issues, `no more than ${max} items allowed`, at);
  return true;
}

function checkOption(issues: Issues, option: unknown, at: string): void {
  if (!isRecord(option)) {
    report(issues, "must provide an object", at);
    return;
  }
  checkText(issues, option.text, `${at}/text`, { max: 75 });
  checkString(issues, option.value, `${at}/value`, 150, true);
  checkText(issues, option.description, `${at}/description`, { max: 75, required: false });
}

function checkOptions(issues: Issues, element: Record<string, unknown>, at: string, max: number, min = 1) {
  if (element.options === undefined && element.option_groups !== undefined) {
    if (!checkArray(issues, element.option_groups, `${at}/option_groups`, 100)) return;
    element.option_groups.forEach((group, g) => {
      const groupAt = `${at}/option_groups/${g}`;
      if (!isRecord(group)) {
        report(issues, "must provide an object", groupAt);
        return;
      }
      checkText(issues, group.label, `${groupAt}/label`, { max: 75, plainOnly: true });
      if (checkArray(issues, group.options, `${groupAt}/options`, 100)) {
        for (const [i, o] of group.options.entries()) checkOption(issues, o, `${groupAt}/options/${i}`);
      }
    });
    return;
  }
  if (!checkArray(issues, element.options, `${at}/options`, max, min)) return;
  for (const [i, option] of element.options.entries()) checkOption(issues, option, `${at}/options/${i}`);
}

const checkButton: Check = (issues, element, at) => {
  checkText(issues, element.text, `${at}/text`, { max: 75, plainOnly: true });
  checkString(issues, element.value, `${at}/value`, 2000);
  checkString(issues, element.url, `${at}/url`, 3000);
  if (element.style !== undefined && element.style !== "primary" && element.style !== "danger") {
    report(issues, "must be one of primary, danger", `${at}/style`);
  }
};

const selectLike = (max: number, min = 1): Check => {
  return (issues, element, at) => checkOptions(issues, element, at, max, min);
};

const elementChecks: Record<string, Check> = {
  button: checkButton,
  static_select: selectLike(100),
  multi_static_select: selectLike(100),
  overflow: selectLike(5, 1),
  checkboxes: selectLike(10),
  radio_buttons: selectLike(10),
};

const PLAIN_ELEMENTS = new Set([
  "channels_select",
  "conversations_select",
  "datepicker",
  "datetimepicker",
  "email_text_input",
  "external_select",
  "file_input",
  "image",
  "multi_channels_select",
  "multi_conversations_select",
  "multi_external_select",
  "multi_users_select",
  "number_input",
  "plain_text_input",
  "rich_text_input",
  "timepicker",
  "url_text_input",
  "users_select",
  "workflow_button",
]);

/** An interactive element (in actions, a section accessory or an input). */
function checkElement(issues: Issues, element: unknown, at: string): void {
  if (!isRecord(element)) {
    report(issues, "must provide an object", at);
    return;
  }
  const type = typeof element.type === "string" ? element.type : "";
  const check = elementChecks[type];
  if (!check && !PLAIN_ELEMENTS.has(type)) {
    report(issues, `unsupported type: ${type}`, `${at}/type`);
    return;
  }
  checkString(issues, element.action_id, `${at}/action_id`, MAX_ID);
  checkText(issues, element.placeholder, `${at}/placeholder`, { max: 150, plainOnly: true, required: false });
  check?.(issues, element, at);
}

const checkSection: Check = (issues, block, at) => {
  if (block.text === undefined && block.fields === undefined) {
    report(issues, "must provide either text or fields", at);
    return;
  }
  if (block.text !== undefined) checkText(issues, block.text, `${at}/text`, { max: 3000 });
  if (block.fields !== undefined && checkArray(issues, block.fields, `${at}/fields`, 10)) {
    for (const [i, field] of block.fields.entries())
      checkText(issues, field, `${at}/fields/${i}`, { max: 2000 });
  }
  if (block.accessory !== undefined) checkElement(issues, block.accessory, `${at}/accessory`);
};

const checkContext: Check = (issues, block, at) => {
  if (!checkArray(issues, block.elements, `${at}/elements`, 10)) return;
  block.elements.forEach((element, i) => {
    const elementAt = `${at}/elements/${i}`;
    if (isRecord(element) && element.type === "image") {
      checkString(issues, element.alt_text, `${elementAt}/alt_text`, 2000, true);
      return;
    }
    checkText(issues, element, elementAt, { max: 3000 });
  });
};

const checkActions: Check = (issues, block, at) => {
  if (!checkArray(issues, block.elements, `${at}/elements`, 25)) return;
  const seen = new Set<string>();
  block.elements.forEach((element, i) => {
    checkElement(issues, element, `${at}/elements/${i}`);
    const id = isRecord(element) ? element.action_id : undefined;
    if (typeof id !== "string") return;
    if (seen.has(id)) report(issues, `duplicate action_id: ${id}`, `${at}/elements/${i}/action_id`);
    seen.add(id);
  });
};

const checkImage: Check = (issues, block, at) => {
  if (block.image_url === undefined && block.slack_file === undefined) {
    report(issues, "must provide either image_url or slack_file", at);
  }
  checkString(issues, block.image_url, `${at}/image_url`, 3000);
  checkString(issues, block.alt_text, `${at}/alt_text`, 2000, true);
  checkText(issues, block.title, `${at}/title`, { max: 2000, plainOnly: true, required: false });
};

const checkInput: Check = (issues, block, at) => {
  checkText(issues, block.label, `${at}/label`, { max: 2000, plainOnly: true });
  checkText(issues, block.hint, `${at}/hint`, { max: 2000, plainOnly: true, required: false });
  checkElement(issues, block.element, `${at}/element`);
};

const blockChecks: Record<string, Check> = {
  section: checkSection,
  header: (issues, block, at) => checkText(issues, block.text, `${at}/text`, { max: 150, plainOnly: true }),
  divider: () => {},
  context: checkContext,
  actions: checkActions,
  image: checkImage,
  input: checkInput,
  rich_text: (issues, block, at) => void checkArray(issues, block.elements, `${at}/elements`, 100, 0),
  markdown: (issues, block, at) => checkString(issues, block.text, `${at}/text`, 12000, true),
  file: (issues, block, at) => checkString(issues, block.external_id, `${at}/external_id`, 255, true),
  video: (issues, block, at) => checkString(issues, block.video_url, `${at}/video_url`, 3000, true),
  table: (issues, block, at) => void checkArray(issues, block.rows, `${at}/rows`, 100),
};

/**
 * Problems with a `blocks` array (empty when valid). `at` is its JSON pointer (`/blocks` or
 * `/view/blocks`) and `maxBlocks` 50 for messages, 100 for views.
 */
export function validateBlocks(blocks: unknown, at: string, maxBlocks: number): string[] {
  const issues: Issues = [];
  if (!checkArray(issues, blocks, at, maxBlocks, 0)) return issues;
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const blockAt = `${at}/${i}`;
    if (!isRecord(block)) {
      report(issues, "must provide an object", blockAt);
      return;
    }
    const type = typeof block.type === "string" ? block.type : "";
    const check = blockChecks[type];
    if (!check) {
      report(issues, `unsupported type: ${type}`, `${blockAt}/type`);
      return;
    }
    checkString(issues, block.block_id, `${blockAt}/block_id`, MAX_ID);
    if (typeof block.block_id === "string") {
      if (blockIds.has(block.block_id)) {
        report(issues, `duplicate block_id: ${block.block_id}`, `${blockAt}/block_id`);
      }
      blockIds.add(block.block_id);
    }
    check(issues, block, blockAt);
  });
  return issues;
}
