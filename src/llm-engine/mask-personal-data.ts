/**
 * Masks personal data before anything leaves for a language model, and restores it in the answer (the way
 * k8sgpt's --anonymize does): emails, phone numbers, card numbers and people's names become placeholders
 * like [EMAIL_1]. The same value always gets the same placeholder, so the model can still reason about
 * "who said what" without seeing who.
 */
import nlp from "compromise";

type Kind = "EMAIL" | "PHONE" | "CARD" | "NAME";

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// International (+44 20 7946 0958), North American ((555) 123-4567, 555-123-4567) shapes; deliberately not
// bare digit runs, which in tickets are far more often ids, amounts and dates.
const PHONE =
  /\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,3}|\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b/g;
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
const PLACEHOLDER = /\[(EMAIL|PHONE|CARD|NAME)_\d+\]/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A reversible masker; one per analysis so placeholders are consistent across the whole pack. */
export class PersonalDataMasker {
  readonly #byValue = new Map<string, string>();
  readonly #byPlaceholder = new Map<string, string>();
  readonly #counts: Record<Kind, number> = { EMAIL: 0, PHONE: 0, CARD: 0, NAME: 0 };
  readonly #knownNames: string[];

  /** `knownNames`: names the data itself declares (comment authors, reporters), masked wherever they appear. */
  constructor(knownNames: Iterable<string> = []) {
    this.#knownNames = [...new Set([...knownNames].map((n) => n.trim()).filter((n) => n.length >= 3))].sort(
      (a, b) => b.length - a.length,
    );
  }

  #placeholder(kind: Kind, value: string): string {
    const key = `${kind}:${value.toLowerCase()}`;
    let placeholder = this.#byValue.get(key);
    if (!placeholder) {
      placeholder = `[${kind}_${++this.#counts[kind]}]`;
      this.#byValue.set(key, placeholder);
      this.#byPlaceholder.set(placeholder, value);
    }
    return placeholder;
  }

  /** The text with personal data replaced by placeholders. */
  mask(text: string): string {
    let out = text.replace(EMAIL, (m) => this.#placeholder("EMAIL", m));
    out = out.replace(CARD_CANDIDATE, (m) => {
      const digits = m.replace(/\D/g, "");
      return digits.length >= 13 && passesLuhn(digits) ? this.#placeholder("CARD", m) : m;
    });
    out = out.replace(PHONE, (m) => this.#placeholder("PHONE", m));
    for (const name of this.#namesIn(out)) {
      out = out.replaceAll(name, this.#placeholder("NAME", name));
    }
    return out;
  }

  #namesIn(text: string): string[] {
    const found = new Set(this.#knownNames.filter((name) => text.includes(name)));
    for (const person of nlp(text).people().out("array") as string[]) {
      const name = person.replace(/[^\p{L}\s'-]/gu, "").trim();
      // Single lowercase words are role nouns ("agent"), not names.
      if (name.length >= 3 && /\p{Lu}/u.test(name) && !name.startsWith("[")) found.add(name);
    }
    return [...found].sort((a, b) => b.length - a.length);
  }

  /** The text with placeholders replaced by the values they stand for; unknown placeholders stay. */
  unmask(text: string): string {
    return text.replace(PLACEHOLDER, (m) => this.#byPlaceholder.get(m) ?? m);
  }

  /** Applies `unmask` to every string inside a JSON-like value. */
  unmaskDeep<T>(value: T): T {
    if (typeof value === "string") return this.unmask(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.unmaskDeep(v)) as T;
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.unmaskDeep(v)])) as T;
    }
    return value;
  }
}
