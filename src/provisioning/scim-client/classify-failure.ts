import { getMember, isJsonObject } from '../../scim/index.js';
import { RETRYABLE_STATUSES } from './retry-policy.js';
import type { ScimClientErrorCode, ScimClientErrorInit } from './scim-client-error.js';

/** One failed attempt, before the request line and attempt count are known. */
export type AttemptFailure = Omit<ScimClientErrorInit, 'method' | 'path' | 'attempts'>;

const STATUS_CODES: ReadonlyMap<number, ScimClientErrorCode> = new Map([
  [400, 'BadRequest'],
  [401, 'Unauthorized'],
  [403, 'Forbidden'],
  [404, 'NotFound'],
  [409, 'Conflict'],
  [412, 'PreconditionFailed'],
  [413, 'PayloadTooLarge'],
  [429, 'TooManyRequests'],
  [500, 'InternalServerError'],
  [502, 'ServiceUnavailable'],
  [503, 'ServiceUnavailable'],
  [504, 'ServiceUnavailable'],
]);

const STATUS_WORDS: ReadonlyMap<number, string> = new Map([
  [400, 'the target rejected the request as invalid (400 Bad Request)'],
  [401, 'the target rejected the token (401 Unauthorized)'],
  [403, 'the token lacks permission for this (403 Forbidden)'],
  [404, 'not found (404)'],
  [409, 'conflict (409): the object already exists or was changed meanwhile'],
  [412, 'the object changed since it was read (412 Precondition Failed)'],
  [413, 'the request is too large for the target (413 Payload Too Large)'],
  [429, 'the target is rate limiting (429 Too Many Requests)'],
  [500, 'the target failed with an internal error (500)'],
  [501, 'the target does not implement this (501 Not Implemented)'],
  [502, 'a gateway in front of the target got no valid answer (502 Bad Gateway)'],
  [503, 'the target is unavailable (503 Service Unavailable)'],
  [504, 'a gateway in front of the target timed out (504 Gateway Timeout)'],
]);

export function codeForStatus(status: number): ScimClientErrorCode {
  return STATUS_CODES.get(status) ?? (status >= 500 && status <= 599 ? 'InternalServerError' : 'Other');
}

export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === '' ? undefined : type;
}

/** How a non-JSON body is described to an admin: never the raw HTML of some login page. */
export function describeNonJson(contentType: string | undefined, text: string): string {
  const type = mediaTypeOf(contentType);
  if (type === 'text/html' || /^\s*<(!doctype|html)/i.test(text)) {
    return `The server answered with ${type ?? 'HTML'}, not SCIM JSON`;
  }
  if (text.trim() === '') return `The server answered with an empty ${type ?? 'body'}, not SCIM JSON`;
  const snippet = text.trim().replace(/\s+/g, ' ').slice(0, 200);
  return `The server answered with ${type ?? 'an untyped body'}, not SCIM JSON: "${snippet}"`;
}

export interface HttpAnswer {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly text: string;
  /** The parsed body, or undefined when `text` is not JSON. */
  readonly json: unknown;
  readonly isJson: boolean;
  readonly location: string | undefined;
  readonly retryAfterMs: number | undefined;
}

/** A non-2xx answer as a failure, keeping the target's `scimType` and `detail`. */
export function failureFromAnswer(answer: HttpAnswer): AttemptFailure {
  const { status } = answer;
  let scimType: string | undefined;
  let detail: string | undefined;
  if (answer.isJson) {
    // Read by hand rather than with ScimError.fromResponse: that drops a scimType paired with the
    // "wrong" status, yet the target's own word is still the best hint for the admin.
    const body = isJsonObject(answer.json) ? answer.json : {};
    const rawType = getMember(body, 'scimType');
    const rawDetail = getMember(body, 'detail') ?? getMember(body, 'message');
    scimType = typeof rawType === 'string' ? rawType : undefined;
    detail = typeof rawDetail === 'string' ? rawDetail : undefined;
  } else if (answer.text.trim() !== '') {
    detail = describeNonJson(answer.contentType, answer.text);
  }
  let words = STATUS_WORDS.get(status) ?? `the target answered HTTP ${status}`;
  if (status >= 300 && status < 400) {
    words = `the target redirected (${status}) to ${answer.location ?? 'another URL'}: use the final URL as base URL`;
  }
  const told = [scimType, detail].filter((part) => part !== undefined && part !== '').join(': ');
  return {
    code: codeForStatus(status),
    status,
    scimType,
    detail,
    retryable: RETRYABLE_STATUSES.has(status),
    retryAfterMs: answer.retryAfterMs,
    summary: told === '' ? words : `${words} — the target says: ${told}`,
  };
}

/** A 2xx answer that is not what a SCIM endpoint sends. */
export function notScimFailure(detail: string): AttemptFailure {
  return {
    code: 'NotScim',
    retryable: false,
    detail,
    summary: `${detail}; is the base URL a SCIM endpoint?`,
  };
}

function errorCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

const TLS_ERROR =
  /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_|HOSTNAME_MISMATCH)/;

/** A thrown network error as a failure; `host` is `name:port` of the target. */
export function failureFromNetworkError(
  error: unknown,
  host: string,
  timedOut: boolean,
  timeoutMs: number,
): AttemptFailure {
  const code = errorCodeOf(error);
  const reason = error instanceof Error ? error.message : String(error);
  const failure = (c: ScimClientErrorCode, retryable: boolean, summary: string): AttemptFailure => ({
    code: c,
    retryable,
    summary,
    detail: reason,
    cause: error,
  });
  if (
    timedOut ||
    code === 'UND_ERR_HEADERS_TIMEOUT' ||
    code === 'UND_ERR_BODY_TIMEOUT' ||
    code === 'UND_ERR_CONNECT_TIMEOUT' ||
    code === 'ETIMEDOUT'
  ) {
    const seconds = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 100) / 10} s` : `${timeoutMs} ms`;
    return failure('Timeout', true, `no complete answer from ${host} within ${seconds}`);
  }
  if (code === 'ECONNREFUSED') return failure('ConnectionRefused', true, `connection refused by ${host}`);
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    return failure(
      'ConnectionReset',
      true,
      `the connection to ${host} was closed before the answer was complete`,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    // EAI_AGAIN is a resolver hiccup, not a wrong name: worth another try.
    return failure('DnsFailure', code === 'EAI_AGAIN', `could not resolve host ${host.replace(/:\d+$/, '')}`);
  }
  if (code !== undefined && TLS_ERROR.test(code)) {
    return failure(
      'TlsFailure',
      false,
      `TLS failure with ${host}: the certificate or TLS setup was not accepted (${code})`,
    );
  }
  return failure('Other', false, `the request to ${host} failed: ${reason}`);
}
