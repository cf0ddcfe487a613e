/**
 * Fixed facts of the fictional world: the vendor ("Lanternbay", an operations platform for field and
 * service businesses), its product areas, its customer-success managers and the people who write tickets.
 */

/** Seed of the PRNG; change it and every number in the dataset changes. */
export const SEED = 20261123;

/** Product areas every workspace has, with how often customers write about them. */
export const CORE_AREAS: readonly (readonly [string, number])[] = [
  ["scheduling", 3],
  ["invoicing", 2.5],
  ["reporting", 2],
  ["user-management", 1.5],
  ["billing", 1.5],
  ["data-import", 1],
];

/** Optional modules (attributes.integrations) with how often customers write about them. */
export const MODULE_WEIGHTS: Readonly<Record<string, number>> = {
  "salesforce-sync": 2.5,
  "hubspot-sync": 2.5,
  payments: 2,
  "notifications-sms": 1.5,
  "public-api": 1.5,
  webhooks: 1.2,
  "analytics-exports": 1.2,
  sso: 1,
};

/** The customer-success managers; EU, APAC and US accounts each have their own. */
export const CSMS = {
  eu: ["tomas.lindgren@csm.warroom-demo.example", "ines.carvalho@csm.warroom-demo.example"],
  apac: ["mei.tanaka@csm.warroom-demo.example"],
  us: [
    "nadia.okafor@csm.warroom-demo.example",
    "priya.raman@csm.warroom-demo.example",
    "jonah.weller@csm.warroom-demo.example",
  ],
} as const;

/** First names of people at customers (ticket text, reporters). */
export const CUSTOMER_PEOPLE = [
  "Aisha",
  "Bram",
  "Carmen",
  "Dmitri",
  "Elena",
  "Farid",
  "Greta",
  "Hiro",
  "Imogen",
  "Jules",
  "Kofi",
  "Lena",
  "Marcus",
  "Nell",
  "Oskar",
  "Priyanka",
  "Quentin",
  "Rosa",
  "Sven",
  "Tamsin",
  "Ugo",
  "Vera",
  "Wes",
  "Yusuf",
] as const;

/** Custom field names customers mention. */
export const CUSTOM_FIELDS = [
  "Site_Access_Code",
  "Contract_Tier",
  "Warranty_End",
  "Cost_Center",
  "PO_Number",
  "Depot",
  "Service_Window",
  "Technician_Skill",
] as const;
