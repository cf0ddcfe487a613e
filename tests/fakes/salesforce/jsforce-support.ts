/**
 * Helpers for tests that drive the real jsforce client against the fake: a Connection to it, the error a call
 * failed with, and JWT bearer assertions signed the way a connected app signs them.
 */
import type { KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { Connection, type ConnectionConfig } from "jsforce";
import type { FakeSalesforce } from "./index.ts";

/** The grant type of the OAuth 2.0 JWT bearer flow. */
export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

/** A jsforce Connection to the fake (instance and login URL both the fake's), API version 62.0. */
export function connectTo(fake: FakeSalesforce, config: Partial<ConnectionConfig> = {}): Connection {
  return new Connection({
    instanceUrl: fake.url,
    loginUrl: fake.url,
    accessToken: fake.accessToken,
    version: "62.0",
    ...config,
  });
}

/** What a call was rejected with; fails when it was not. */
export async function rejection(call: PromiseLike<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error: unknown) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/**
 * The code and message a jsforce call failed with: Salesforce's errorCode for API errors (jsforce names the
 * error after it), OAuth's `error` and `error_description` for the token endpoint.
 */
export async function failureOf(call: PromiseLike<unknown>): Promise<{ errorCode: string; message: string }> {
  const error = await rejection(call);
  if (error instanceof Error) return { errorCode: error.name, message: error.message };
  throw error;
}

/** The claims of a JWT bearer assertion. */
export interface AssertionClaims {
  iss: string;
  sub: string;
  aud?: string;
  /** Seconds since the epoch; default three minutes from now. */
  exp?: number;
}

/** An RS256 assertion for the JWT bearer flow. */
export function signAssertion(claims: AssertionClaims, privateKey: KeyObject): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: "RS256" })
    .setIssuer(claims.iss)
    .setSubject(claims.sub)
    .setAudience(claims.aud ?? "https://login.salesforce.com")
    .setExpirationTime(claims.exp ?? Math.floor(Date.now() / 1000) + 180)
    .sign(privateKey);
}
