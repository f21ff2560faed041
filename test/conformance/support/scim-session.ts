/**
 * Replays documented IdP requests against one tenant of the app with `inject()` (no socket), the
 * way the IdP sends them: bearer token, JSON text as documented, query encoded as a browser
 * would encode it.
 */
import { expect } from 'vitest';
import type { DocumentedRequest } from '../entra/requests.js';

/** The slice of Fastify's `inject()` this helper uses. */
export interface Injectable {
  inject(options: {
    method: DocumentedRequest['method'];
    url: string;
    headers: Record<string, string>;
    payload?: string;
  }): PromiseLike<{ statusCode: number; headers: Record<string, unknown>; body: string }>;
}

export interface ScimAnswer {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  /** The parsed JSON body; undefined when the body is empty. */
  readonly body: Record<string, unknown> | undefined;
}

export interface ScimSessionOptions {
  readonly scimPath: string;
  readonly apiKey: string;
  /** Entra and Okta send `application/scim+json`; some clients send `application/json`. */
  readonly contentType?: string;
}

export class ScimSession {
  readonly #app: Injectable;
  readonly #options: ScimSessionOptions;

  constructor(app: Injectable, options: ScimSessionOptions) {
    this.#app = app;
    this.#options = options;
  }

  async send(request: DocumentedRequest): Promise<ScimAnswer> {
    const url = new URL(`${this.#options.scimPath}${request.path}`, 'http://127.0.0.1');
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.#options.apiKey}`,
      accept: 'application/scim+json',
    };
    if (request.body !== undefined)
      headers['content-type'] = this.#options.contentType ?? 'application/scim+json';
    const response = await this.#app.inject({
      method: request.method,
      url: `${url.pathname}${url.search}`,
      headers,
      ...(request.body === undefined ? {} : { payload: request.body }),
    });
    const body = response.body === '' ? undefined : (JSON.parse(response.body) as Record<string, unknown>);
    return { status: response.statusCode, headers: response.headers, body };
  }

  get(path: string): Promise<ScimAnswer> {
    return this.send({ method: 'GET', path });
  }

  post(path: string, body: unknown): Promise<ScimAnswer> {
    return this.send({ method: 'POST', path, body: JSON.stringify(body) });
  }
}

/** Asserts the SCIM media type, which Entra requires on every answer with a body. */
export function expectScimJson(answer: ScimAnswer): Record<string, unknown> {
  expect(String(answer.headers['content-type'])).toMatch(/^application\/scim\+json/);
  expect(answer.body).toBeDefined();
  return answer.body as Record<string, unknown>;
}

/** Asserts a ListResponse (RFC 7644 §3.4.2) and returns its resources. */
export function expectListResponse(answer: ScimAnswer, totalResults: number): Record<string, unknown>[] {
  expect(answer.status, describeAnswer(answer)).toBe(200);
  const body = expectScimJson(answer);
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  expect(body.totalResults).toBe(totalResults);
  const resources = (body.Resources ?? []) as Record<string, unknown>[];
  expect(Array.isArray(resources)).toBe(true);
  expect(typeof body.startIndex).toBe('number');
  expect(typeof body.itemsPerPage).toBe('number');
  expect(body.itemsPerPage).toBe(resources.length);
  return resources;
}

/** Asserts a SCIM error body (RFC 7644 §3.12): status as a string, the Error schema. */
export function expectScimError(answer: ScimAnswer, status: number, scimType?: string): void {
  expect(answer.status, describeAnswer(answer)).toBe(status);
  const body = expectScimJson(answer);
  expect(body.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error']);
  expect(body.status).toBe(String(status));
  if (scimType !== undefined) expect(body.scimType).toBe(scimType);
}

/** Group PATCH may answer 200 with the group or 204 without a body; Entra accepts both. */
export function expectPatchAccepted(answer: ScimAnswer): void {
  expect([200, 204], describeAnswer(answer)).toContain(answer.status);
  if (answer.status === 200) expectScimJson(answer);
}

/** The answer's status and body, as a failure message. */
export function describeAnswer(answer: ScimAnswer): string {
  return `${answer.status} ${JSON.stringify(answer.body) ?? ''}`.slice(0, 600);
}
