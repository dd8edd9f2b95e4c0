// HTTP to the API server. Authentication (tokens, client certificates, exec
// plugins, CA) comes from client-node; streaming is plain node:http(s) so a
// watch can be read line by line and aborted.
import type * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { abortable } from './abort';
import { applyCredentials } from './credentials';
import { errorFromResponse, KubeApiError, toKubeApiError } from './errors';
import { http, https as httpsModule } from '../onFirstUse';

export type QueryValue = string | number | boolean | undefined;

export interface KubeRequest {
  readonly method?: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly body?: string;
  readonly contentType?: string;
  readonly signal?: AbortSignal;
  /** Media type asked for; default `application/json`. */
  readonly accept?: string;
  /** Abort when no byte arrives for this long (ms). */
  readonly idleTimeoutMs?: number;
}

export interface KubeResponse {
  readonly status: number;
  /** The body as it arrives. Consume either `chunks` or `text()`, not both. */
  readonly chunks: AsyncIterable<Buffer>;
  text(): Promise<string>;
}

export interface KubeTransport {
  readonly server: string;
  request(req: KubeRequest): Promise<KubeResponse>;
}

export function buildUrl(server: string, path: string, query?: Readonly<Record<string, QueryValue>>): URL {
  const url = new URL(server.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

export function createTransport(kc: KubeConfig): KubeTransport {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`The context "${kc.getCurrentContext()}" has no cluster`);
  const server = cluster.server;
  return {
    server,
    async request(req: KubeRequest): Promise<KubeResponse> {
      const url = buildUrl(server, req.path, req.query);
      const options: https.RequestOptions = { method: req.method ?? 'GET', headers: { Accept: req.accept ?? 'application/json' } };
      await applyCredentials(kc, options, req.signal);
      const headers = { ...(options.headers as Record<string, string>) };
      if (req.body !== undefined) {
        headers['Content-Type'] = req.contentType ?? 'application/json';
        headers['Content-Length'] = String(Buffer.byteLength(req.body));
      }
      options.headers = headers;
      return send(url, options, req);
    },
  };
}

const KEEP_ALIVE_DELAY_MS = 30_000;

function send(url: URL, options: https.RequestOptions, req: KubeRequest): Promise<KubeResponse> {
  const lib = url.protocol === 'http:' ? http() : httpsModule();
  return new Promise((resolve, reject) => {
    const request = lib.request(url, { ...options, signal: req.signal }, (response) => {
      const chunks = (async function* () {
        for await (const chunk of response) yield chunk as Buffer;
      })();
      resolve({
        status: response.statusCode ?? 0,
        chunks,
        async text() {
          const parts: Buffer[] = [];
          for await (const chunk of response) parts.push(chunk as Buffer);
          return Buffer.concat(parts).toString('utf8');
        },
      });
    });
    // Keep-alive probes let the OS notice a peer that vanished (sleep, VPN change) on an idle connection.
    request.on('socket', (socket) => socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS));
    if (req.idleTimeoutMs) {
      request.setTimeout(req.idleTimeoutMs, () => request.destroy(Object.assign(new Error('Request timed out'), { code: 'ETIMEDOUT' })));
    }
    request.on('error', (error) => reject(toKubeApiError(error)));
    if (req.body !== undefined) request.write(req.body);
    request.end();
  });
}

/** How long a one-off request (Show YAML, Scale, Delete, the namespace picker...) may take in all. */
export const ONE_OFF_TIMEOUT_MS = 30_000;

/** A caller's cancellation and an overall time limit, for requests a user waits for. */
export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/**
 * GET/POST/PATCH/DELETE returning parsed JSON; non-2xx becomes a classified `KubeApiError`.
 * The whole exchange (credentials, connection, body) ends within `timeoutMs` (default
 * ONE_OFF_TIMEOUT_MS) or when `signal` aborts; watches do not use this.
 */
export async function requestJson<T = unknown>(transport: KubeTransport, req: KubeRequest, what = req.path, options: CallOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? ONE_OFF_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new KubeApiError('unreachable', `No answer from the API server within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
  const signals = [deadline.signal, ...(options.signal ? [options.signal] : []), ...(req.signal ? [req.signal] : [])];
  const signal = AbortSignal.any(signals);
  try {
    return await abortable(signal, async () => {
      const response = await transport.request({ ...req, signal });
      const body = await response.text();
      if (response.status < 200 || response.status >= 300) throw errorFromResponse(response.status, body, what);
      return (body ? JSON.parse(body) : {}) as T;
    });
  } finally {
    clearTimeout(timer);
  }
}
