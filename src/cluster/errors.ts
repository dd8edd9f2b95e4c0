// Errors from the API server, classified for the tree, with credentials redacted.

export type ErrorReason = 'unreachable' | 'unauthorized' | 'forbidden' | 'notFound' | 'gone' | 'other';

export class KubeApiError extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly status?: number,
  ) {
    super(redactSecrets(message));
    this.name = 'KubeApiError';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export function reasonForStatus(status: number): ErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 410) return 'gone';
  if (status === 502 || status === 503 || status === 504) return 'unreachable';
  return 'other';
}

/** Builds an error from an HTTP status and the body, which is usually a `Status` object. */
export function errorFromResponse(status: number, body: string, what: string): KubeApiError {
  let message = '';
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    message = body.slice(0, 300);
  }
  const fallback: Record<ErrorReason, string> = {
    unauthorized: 'Unauthorized: the credentials were rejected',
    forbidden: 'Forbidden',
    notFound: `Not found: the API for ${what} is not served by this cluster`,
    gone: 'Resource version too old',
    unreachable: 'The API server is unavailable',
    other: `HTTP ${status}`,
  };
  const reason = reasonForStatus(status);
  return new KubeApiError(reason, message || fallback[reason], status);
}

/** Classifies anything thrown while talking to the API server. */
export function toKubeApiError(error: unknown): KubeApiError {
  if (error instanceof KubeApiError) return error;
  const e = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } } | undefined;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (code && NETWORK_CODES.has(code)) return new KubeApiError('unreachable', `Cannot reach the API server (${code}): ${message}`);
  if (/socket hang up|ECONNREFUSED|ENOTFOUND|timed out/i.test(message)) {
    return new KubeApiError('unreachable', `Cannot reach the API server: ${message}`);
  }
  return new KubeApiError('other', message);
}

/**
 * Names of kubeconfig and credential fields whose values are secret: tokens (`token`, `id-token`,
 * `refresh-token`, `access_token`...), keys (`client-key`, `client-key-data`, `api-key`), passwords,
 * client secrets, the `value` of an exec plugin's `env` entries and auth-provider `cmd-args`.
 */
const SECRET_KEY = /(?:token|secret|password|passwd)$|^client[-_]key(?:[-_]data)?$|^api[-_]?key$|^value$|^cmd[-_]args$/i;
/** `key: value`, `"key":"value"`, `key=value`; a key starts where a run of word characters and `-` starts (linear time). */
const FIELD = /(?<![\w-])([\w-]+)(["']?\s*[:=]\s*)("[^"\n]*"?|'[^'\n]*'?|[^\s"',}&]+)/g;

function redactField(match: string, key: string, separator: string, _value: string, offset: number, whole: string): string {
  if (!SECRET_KEY.test(key)) return match;
  // The API server's validation messages say `Invalid value: "x"` about the user's own input.
  if (key.toLowerCase() === 'value' && /invalid $/i.test(whole.slice(Math.max(0, offset - 8), offset))) return match;
  return `${key}${separator}<redacted>`;
}
const SECRET_FLAG = /(--(?:token|password|client-secret|client-key)[= ])\S+/gi;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
const JWT = /\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/g;
/** Long base64 runs are key or certificate data; 100+ characters spares digests (64 hex). */
const LONG_BASE64 = /[A-Za-z0-9+/]{100,}={0,2}/g;

const MAX_MESSAGE = 20_000;

/** Removes credentials (tokens, keys, passwords, Authorization headers, PEM blocks) from text shown to users or logged. */
export function redactSecrets(text: string): string {
  // Messages are short; a huge one is cut so that redaction stays cheap.
  const bounded = text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
  return bounded
    .replace(PEM_BLOCK, '<redacted key or certificate>')
    .replace(/(authorization["']?\s*[:=]\s*["']?)(bearer|basic)?\s*[^\s"',}]+/gi, (_m, prefix: string, scheme?: string) => `${prefix}${scheme ? `${scheme} ` : ''}<redacted>`)
    .replace(/\b(bearer|basic)\s+[A-Za-z0-9\-._~+/=]{6,}/gi, '$1 <redacted>')
    .replace(FIELD, redactField)
    .replace(SECRET_FLAG, '$1<redacted>')
    .replace(JWT, '<redacted>')
    .replace(LONG_BASE64, '<redacted>');
}
