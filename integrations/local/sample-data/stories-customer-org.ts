/**
 * Resolved escalations caused by the customer's identity, organisation or settings (customer_change).
 */
import { agent, customer, theirChange, ticket } from "./story-helpers.ts";
import { ago } from "./time.ts";
import type { Story } from "./types.ts";

const ashgrove: Story = {
  key: "cc-ashgrove",
  account: "ashgrove",
  openedAt: ago(40, 8, 30),
  resolvedAt: ago(40, 11, 0),
  category: "customer_change",
  severity: "critical",
  productArea: "sso",
  summary:
    "Ashgrove's IT director: 2,100 staff locked out of Lanternbay in term registration week; front-desk scheduling is on paper. Needs it fixed within the hour.",
  resolution:
    "The customer rotated the SAML signing certificate in Entra ID without updating Lanternbay's SSO settings. New metadata uploaded, logins restored after 2.5 hours; suggested adding Lanternbay to their rotation runbook.",
  changes: [
    theirChange(
      "ashgrove",
      ago(41, 22, 0),
      "sso",
      "Customer rotated the SAML signing certificate in its Entra ID tenant",
      "Annual certificate rotation for the Lanternbay enterprise app; new federation metadata not uploaded to Lanternbay.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(40, 7, 20),
      subject: "Nobody can log in - SAML error",
      description:
        "All staff get 'SAML response signature could not be verified' at login since this morning.",
      priority: "urgent",
      tags: ["sso", "saml", "login"],
      comments: [
        agent(
          ago(40, 7, 50),
          "The assertion is signed with certificate thumbprint 9F:3A:...:C2; your workspace trusts 4B:17:...:E0. Was the signing certificate rotated?",
        ),
        customer(ago(40, 8, 40), "Our identity team rotated it last night as part of the annual rotation."),
        agent(
          ago(40, 9, 0),
          "Upload the new federation metadata under Settings > SSO, or send it to us and we'll do it.",
        ),
        customer(ago(40, 10, 50), "Uploaded, logins work again."),
      ],
      closedAt: ago(40, 11, 0),
      resolution: "New IdP metadata uploaded.",
    }),
  ],
};

const kettlebrook: Story = {
  key: "cc-kettlebrook",
  account: "kettlebrook",
  openedAt: ago(11, 9, 0),
  resolvedAt: ago(10, 15, 0),
  category: "customer_change",
  severity: "critical",
  productArea: "user-management",
  summary:
    "Kettlebrook's plant director: 146 field and maintenance staff lost access overnight and two plants are running maintenance from paper. Renewal is in two months; asked whether our SCIM 'deletes people at random'.",
  resolution:
    "The customer's Okta group restructuring unassigned Lanternbay from the field-ops group, so SCIM deactivated 146 users. Group re-assigned; users reactivated with their history intact.",
  changes: [
    theirChange(
      "kettlebrook",
      ago(12, 21, 0),
      "user-management",
      "Customer restructured its Okta groups",
      "Department groups merged; the group that assigned Lanternbay to field staff was removed from the app assignment.",
      "customer_org",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(11, 7, 0),
      subject: "146 users deactivated overnight",
      description:
        "Most of our field and maintenance staff can't log in this morning; their accounts show 'Deactivated'.",
      priority: "urgent",
      tags: ["user-management", "scim"],
      comments: [
        agent(
          ago(11, 7, 30),
          "Audit log: 146 deactivations via SCIM at 21:14 UTC yesterday from your Okta tenant after the group was unassigned.",
        ),
        customer(ago(11, 8, 30), "Our IT reorganised groups yesterday."),
        agent(ago(11, 9, 30), "Assign the app to the new group; users reactivate with their history intact."),
      ],
      closedAt: ago(10, 15, 0),
      resolution: "Group re-assigned; users reactivated.",
    }),
  ],
};

const alderbank: Story = {
  key: "cc-alderbank",
  account: "alderbank",
  openedAt: ago(45, 14, 0),
  resolvedAt: ago(42, 10, 0),
  category: "customer_change",
  severity: "high",
  productArea: "data-import",
  summary:
    "Alderbank's practice manager: appointment reminders went to nobody for two days across 12 practices because the patient import failed; 90 no-shows. Says our import 'broke on its own'.",
  resolution:
    "The customer's practice-management upgrade changed the nightly export to semicolon-delimited with decimal commas; the import profile expected commas. Profile updated and two nights re-imported.",
  changes: [
    theirChange(
      "alderbank",
      ago(47, 18, 0),
      "data-import",
      "Customer upgraded its practice-management system to v12",
      "The nightly patient export is now semicolon-delimited with decimal commas.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(46, 8, 0),
      subject: "Nightly patient import failing",
      description: "The nightly patient import failed last night and this morning's reminders didn't go out.",
      priority: "high",
      tags: ["data-import", "csv"],
      comments: [
        agent(
          ago(46, 9, 0),
          "Import error: 'Row 2: expected 14 columns, found 1 (delimiter ,)'. The file has used ';' since Wednesday night.",
        ),
        customer(ago(46, 11, 0), "Our practice-management vendor upgraded us on Wednesday."),
        agent(
          ago(45, 16, 0),
          "Set the import profile's delimiter to ';' and decimal separator to ','. Re-ran the last two nights.",
        ),
      ],
      closedAt: ago(42, 10, 0),
      resolution: "Import profile updated; two nights re-imported.",
    }),
  ],
};

const westerly: Story = {
  key: "cc-westerly",
  account: "westerly",
  openedAt: ago(5, 13, 0),
  resolvedAt: ago(3, 16, 0),
  category: "customer_change",
  severity: "high",
  productArea: "scheduling",
  summary:
    "Westerly's head of member experience: every class at their nine clubs showed an hour late in the member app and 600+ members arrived to empty studios. Asked for credits and whether 'the update' did this.",
  resolution:
    "A new customer admin changed the workspace timezone instead of her profile timezone. Reverted, correction notices sent; suggested restricting workspace settings to owners.",
  changes: [
    theirChange(
      "westerly",
      ago(6, 15, 2),
      "scheduling",
      "Customer admin changed the workspace timezone from America/Chicago to America/New_York",
      "Settings > Workspace > Timezone changed by a new admin; schedules keep wall-clock time in the workspace zone.",
    ),
  ],
  tickets: [
    ticket({
      createdAt: ago(5, 11, 0),
      subject: "All classes moved by an hour",
      description: "Since this morning members see every class an hour later than it is.",
      priority: "urgent",
      tags: ["scheduling", "timezone"],
      comments: [
        agent(
          ago(5, 11, 40),
          "The workspace timezone was changed on Tuesday 15:02 UTC by one of your admins, from America/Chicago to America/New_York.",
        ),
        customer(ago(5, 12, 30), "She meant to change her own profile timezone."),
        agent(ago(4, 10, 0), "Workspace timezone reverted; members got a correction notice."),
      ],
      closedAt: ago(3, 16, 0),
      resolution: "Workspace timezone reverted.",
    }),
  ],
};

export const CUSTOMER_ORG_STORIES: Story[] = [ashgrove, kettlebrook, alderbank, westerly];
