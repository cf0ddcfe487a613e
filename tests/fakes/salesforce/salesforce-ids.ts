/**
 * Salesforce record ids: a 3-character key prefix per sObject, 12 more characters, and a 3-character suffix
 * that encodes which of the first 15 characters are upper case. The 15-character form is case-sensitive; the
 * 18-character form (what the API returns) is not. SOQL accepts either in a filter and rejects anything else.
 */

const SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

function checksum(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= "A" && char <= "Z") bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

/** Whether `value` has the shape of a record id (15 or 18 letters and digits). */
export function isSalesforceId(value: string): boolean {
  return /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(value);
}

/** The 18-character form of a 15- or 18-character id. */
export function toId18(id: string): string {
  return id.length === 18 ? id : id + checksum(id);
}

/** What two ids are compared on: the case-sensitive first 15 characters. */
export function idKey(id: string): string {
  return id.slice(0, 15);
}

/** The `sequence`-th id with a key prefix, e.g. `001000000000001AAA` for the first Account. */
export function makeId(keyPrefix: string, sequence: number): string {
  return toId18(keyPrefix + String(sequence).padStart(12, "0"));
}
