/**
 * Salesforce (jsforce) as the CRM, and escalated cases as the trigger of war-rooms.
 */
export { loadPrivateKey, type SalesforceAuth } from "./connect-salesforce.ts";
export {
  createSalesforceAdapter,
  type SalesforceAdapter,
  type SalesforceAdapterConfig,
} from "./salesforce-adapter.ts";
