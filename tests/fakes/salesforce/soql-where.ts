/**
 * The logical structure of a WHERE clause. The parser returns a right-leaning chain with parenthesis
 * counts on the conditions, so the chain is flattened back into tokens and parsed again with Salesforce's
 * rules: AND and OR may not be mixed inside one pair of parentheses, and NOT must stand alone in its own
 * parentheses (`A AND (NOT B)`, never `A AND NOT B`); both are MALFORMED_QUERY in Salesforce.
 */
import type {
  Condition,
  NegationCondition,
  ValueQueryCondition,
  WhereClause,
} from "@jetstreamapp/soql-parser-js";
import { malformedQuery } from "./salesforce-errors.ts";

/** A condition as the parser gives it. */
export type RawCondition = Exclude<Condition, NegationCondition> | ValueQueryCondition;

/** A boolean expression over conditions of type C. */
export type Expr<C> =
  | { kind: "cond"; cond: C }
  | { kind: "not"; expr: Expr<C> }
  | { kind: "and" | "or"; items: Expr<C>[] };

type Token = { t: "(" | ")" | "AND" | "OR" | "NOT" } | { t: "cond"; cond: RawCondition };

function repeat(t: "(" | ")", count: number | undefined, out: Token[]): void {
  for (let i = 0; i < (count ?? 0); i += 1) out.push({ t });
}

function isCondition(left: unknown): left is RawCondition {
  return typeof left === "object" && left !== null && ("field" in left || "fn" in left);
}

function tokenize(where: WhereClause): Token[] {
  const out: Token[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    const operator = "operator" in node ? node.operator : undefined;
    const left: unknown = node.left;
    if (operator === "NOT" && !isCondition(left)) {
      // A negation node: its left side only carries the parentheses opened before NOT.
      if (typeof left === "object" && left !== null && "openParen" in left) {
        repeat("(", Number(left.openParen), out);
      }
      out.push({ t: "NOT" });
    } else if (isCondition(left)) {
      repeat("(", left.openParen, out);
      out.push({ t: "cond", cond: left });
      repeat(")", left.closeParen, out);
      if (operator) out.push({ t: operator });
    }
    node = "right" in node ? node.right : undefined;
  }
  return out;
}

class TreeBuilder {
  private at = 0;
  private readonly tokens: Token[];
  private readonly soql: string;

  constructor(tokens: Token[], soql: string) {
    this.tokens = tokens;
    this.soql = soql;
  }

  build(): Expr<RawCondition> {
    const expr = this.group();
    const extra = this.tokens[this.at];
    if (extra) throw this.unexpected(extra);
    return expr;
  }

  private unexpected(token: Token | undefined) {
    const name = token === undefined ? "<EOF>" : token.t === "cond" ? "condition" : token.t;
    return malformedQuery(this.soql, name, `unexpected token: '${name}'`);
  }

  private group(): Expr<RawCondition> {
    const bareNot = this.tokens[this.at]?.t === "NOT";
    const first = this.operand();
    const items = [first];
    let op: "AND" | "OR" | undefined;
    let next = this.tokens[this.at];
    while (next?.t === "AND" || next?.t === "OR") {
      if (bareNot || (op && next.t !== op)) throw this.unexpected(next);
      op = next.t;
      this.at += 1;
      if (this.tokens[this.at]?.t === "NOT") throw this.unexpected(this.tokens[this.at]);
      items.push(this.operand());
      next = this.tokens[this.at];
    }
    return op ? { kind: op === "AND" ? "and" : "or", items } : first;
  }

  private operand(): Expr<RawCondition> {
    const token = this.tokens[this.at];
    this.at += 1;
    if (token?.t === "cond") return { kind: "cond", cond: token.cond };
    if (token?.t === "NOT") return { kind: "not", expr: this.operand() };
    if (token?.t !== "(") throw this.unexpected(token);
    const inner = this.group();
    if (this.tokens[this.at]?.t !== ")") throw this.unexpected(this.tokens[this.at]);
    this.at += 1;
    return inner;
  }
}

/** The WHERE clause as an expression tree, or Salesforce's MALFORMED_QUERY where it would refuse it. */
export function buildWhereTree(where: WhereClause, soql: string): Expr<RawCondition> {
  return new TreeBuilder(tokenize(where), soql).build();
}

/** Maps every condition of a tree. */
export function mapExpr<A, B>(expr: Expr<A>, map: (cond: A) => B): Expr<B> {
  if (expr.kind === "cond") return { kind: "cond", cond: map(expr.cond) };
  if (expr.kind === "not") return { kind: "not", expr: mapExpr(expr.expr, map) };
  return { kind: expr.kind, items: expr.items.map((item) => mapExpr(item, map)) };
}

/** Evaluates a tree with a test for its conditions. */
export function evaluateExpr<C>(expr: Expr<C>, test: (cond: C) => boolean): boolean {
  if (expr.kind === "cond") return test(expr.cond);
  if (expr.kind === "not") return !evaluateExpr(expr.expr, test);
  return expr.kind === "and"
    ? expr.items.every((item) => evaluateExpr(item, test))
    : expr.items.some((item) => evaluateExpr(item, test));
}
