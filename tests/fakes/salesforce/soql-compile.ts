/**
 * A SOQL statement checked against the org's schema and compiled into what the query runner needs: the
 * sObject, the selected paths and child subqueries, the WHERE tree, ORDER BY, LIMIT and OFFSET. Unknown
 * objects, fields and relationships fail here with Salesforce's error codes; valid SOQL the fake does not
 * evaluate (aggregates other than COUNT(), GROUP BY, TYPEOF, semi-joins…) fails with FAKE_NOT_IMPLEMENTED.
 */
import {
  type FieldType,
  type OrderByClause,
  parseQuery,
  type Query,
  type QueryBase,
} from "@jetstreamapp/soql-parser-js";
import {
  malformedQuery,
  notImplemented,
  pointAt,
  SalesforceError,
  unknownChildRelationship,
  unsupportedObject,
} from "./salesforce-errors.ts";
import { type ChildDef, findObject, objectDef, type Schema, type SObjectType } from "./schema.ts";
import { type CompileContext, type CompiledCondition, compileCondition } from "./soql-conditions.ts";
import { type FieldPath, resolvePath } from "./soql-paths.ts";
import { buildWhereTree, type Expr, mapExpr } from "./soql-where.ts";

/** One item of the SELECT list. */
export type SelectItem =
  | { kind: "field"; path: FieldPath }
  | { kind: "child"; child: ChildDef; query: CompiledQuery };

/** One ORDER BY item. */
export interface OrderItem {
  path: FieldPath;
  descending: boolean;
  nullsFirst: boolean;
}

/** A query ready to run. */
export interface CompiledQuery {
  type: SObjectType;
  /** `SELECT COUNT() FROM …`: only totalSize is answered. */
  count: boolean;
  select: SelectItem[];
  where: Expr<CompiledCondition> | undefined;
  orderBy: OrderItem[];
  limit: number | undefined;
  offset: number;
}

const MAX_OFFSET = 2000;

function parserError(soql: string, error: unknown): SalesforceError {
  const message = error instanceof Error ? error.message : String(error);
  const found = /but found:? (?:--> )?'([^']*)'/.exec(message)?.[1];
  const character = /unexpected character: ->(.)<-/.exec(message)?.[1];
  const token = found === "" ? "<EOF>" : (found ?? character);
  return malformedQuery(soql, token ?? "", token ? `unexpected token: '${token}'` : message);
}

function selectField(ctx: CompileContext, type: SObjectType, field: FieldType, nested: boolean): SelectItem {
  switch (field.type) {
    case "Field":
      if ("objectPrefix" in field) throw notImplemented("object aliases");
      return { kind: "field", path: resolvePath(ctx.schema, ctx.soql, type, field.field) };
    case "FieldRelationship":
      if ("alias" in field) throw notImplemented("object aliases");
      return {
        kind: "field",
        path: resolvePath(ctx.schema, ctx.soql, type, [...field.relationships, field.field].join(".")),
      };
    case "FieldSubquery": {
      if (nested) throw notImplemented("subqueries inside subqueries");
      const { subquery } = field;
      if (subquery.sObjectPrefix?.length) throw notImplemented("prefixed relationship names in subqueries");
      const child = objectDef(ctx.schema, type).children.get(subquery.relationshipName.toLowerCase());
      if (!child) throw unknownChildRelationship(ctx.soql, subquery.relationshipName);
      return { kind: "child", child, query: compileBody(ctx, child.type, subquery, true) };
    }
    case "FieldFunctionExpression":
      throw notImplemented(`${field.functionName}() in SELECT (aggregate queries)`);
    case "FieldTypeof":
      throw notImplemented("TYPEOF");
  }
}

function isCountAll(fields: FieldType[]): boolean {
  return fields.some(
    (field) =>
      field.type === "FieldFunctionExpression" &&
      field.functionName.toUpperCase() === "COUNT" &&
      !field.parameters.length,
  );
}

function compileSelect(ctx: CompileContext, type: SObjectType, fields: FieldType[], nested: boolean) {
  if (isCountAll(fields)) {
    if (fields.length > 1 || nested) throw malformedQuery(ctx.soql, "COUNT", "unexpected token: 'COUNT'");
    return { count: true, select: [] };
  }
  const select = fields.map((field) => selectField(ctx, type, field, nested));
  const seen = new Set<string>();
  for (const item of select) {
    const key = item.kind === "field" ? item.path.key : item.child.name;
    if (seen.has(key)) {
      const name = key.split(".").pop() ?? key;
      throw malformedQuery(ctx.soql, name, `duplicate field selected: ${name}`);
    }
    seen.add(key);
  }
  return { count: false, select };
}

function compileOrderBy(ctx: CompileContext, type: SObjectType, clauses: OrderByClause[]): OrderItem[] {
  return clauses.map((clause) => {
    if (!("field" in clause)) throw notImplemented("functions in ORDER BY");
    const path = resolvePath(ctx.schema, ctx.soql, type, clause.field);
    if (!path.field.filterable) {
      const text = `field '${path.key}' can not be sorted in a query call`;
      throw new SalesforceError(400, "INVALID_FIELD", pointAt(ctx.soql, clause.field, text));
    }
    const descending = clause.order === "DESC";
    // Salesforce puts nulls first in ascending order and last in descending order unless told otherwise.
    const nullsFirst = clause.nulls ? clause.nulls === "FIRST" : !descending;
    return { path, descending, nullsFirst };
  });
}

function rejectUnsupported(query: QueryBase): void {
  if (query.groupBy || query.having) throw notImplemented("GROUP BY and HAVING");
  if (query.usingScope) throw notImplemented("USING SCOPE");
  if (query.withDataCategory) throw notImplemented("WITH DATA CATEGORY");
}

function compileBody(
  ctx: CompileContext,
  type: SObjectType,
  query: QueryBase,
  nested: boolean,
): CompiledQuery {
  rejectUnsupported(query);
  const { count, select } = compileSelect(ctx, type, query.fields ?? [], nested);
  const where = query.where
    ? mapExpr(buildWhereTree(query.where, ctx.soql), (cond) => compileCondition(ctx, type, cond))
    : undefined;
  const orderBy = query.orderBy ? [query.orderBy].flat() : [];
  const offset = query.offset ?? 0;
  if (offset > MAX_OFFSET) {
    const text = `Maximum SOQL offset allowed is ${MAX_OFFSET}`;
    throw new SalesforceError(400, "NUMBER_OUTSIDE_VALID_RANGE", text);
  }
  return {
    type,
    count,
    select,
    where,
    orderBy: compileOrderBy(ctx, type, orderBy),
    limit: query.limit,
    offset,
  };
}

/** Parses and compiles a statement; `now` anchors relative date literals. */
export function compileSoql(schema: Schema, soql: string, now: Date): CompiledQuery {
  let parsed: Query;
  try {
    parsed = parseQuery(soql);
  } catch (error: unknown) {
    throw parserError(soql, error);
  }
  const object = parsed.sObject ? findObject(schema, parsed.sObject) : undefined;
  if (!object) throw unsupportedObject(soql, parsed.sObject ?? "");
  return compileBody({ schema, soql, now }, object.name, parsed, false);
}
