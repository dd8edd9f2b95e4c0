// Turns a full API object into the few fields the tree shows. The watch cache
// keeps only these summaries, so memory stays small with thousands of objects:
// each summary is one small object of scalars. Tooltip details, container names,
// replicas and Helm release are packed into one string (`info`) and unpacked only
// when the tree presents an item or a command asks; repeated strings (namespace,
// state, status, owner) are shared between summaries.

import { arr, obj, statusOf, str, type Health } from './kindStatus';

export type { Health } from './kindStatus';

/** Separates the values packed in `info` (a value holding it makes `info` an array instead). */
const SEP = '\u001f';

/** The tooltip labels of the values packed in `info`, per kind, in order. */
const DETAIL_KEYS: Readonly<Record<string, readonly string[]>> = {
  pod: ['Phase', 'Ready', 'Restarts', 'Reasons', 'Node', 'IP'],
  deployment: ['Desired', 'Ready', 'Up-to-date', 'Available', 'Problem'],
  cronjob: ['Last schedule'],
  service: ['Type', 'Cluster IP', 'Ports'],
  event: ['Type', 'Message', 'Last seen'],
};

export class ResourceSummary {
  constructor(
    readonly name: string,
    readonly namespace: string | undefined,
    readonly health: Health,
    /** Short status for the tree item's description, e.g. `Running 2/3`. */
    readonly status: string,
    /** Lower-case state used in context values, e.g. `running`, `crashloopbackoff`. */
    readonly state: string,
    /** The kind id this summary was made for (`pod`, `deployment`…): says how `info` reads. */
    readonly kindId: string,
    /** creationTimestamp: seconds since the epoch when that gives the same text back, else the text. */
    readonly created: number | string | undefined,
    /** The controller (or first) owner as `Kind/name`. */
    readonly ownerRef: string | undefined,
    /** Kind-specific values, see DETAIL_KEYS; pods add their container names, Helm the release. */
    readonly info: string | readonly string[] | undefined,
  ) {}

  get creationTimestamp(): string | undefined {
    return typeof this.created === 'number' ? new Date(this.created * 1000).toISOString().slice(0, 19) + 'Z' : this.created;
  }

  get owner(): { readonly kind: string; readonly name: string } | undefined {
    if (this.ownerRef === undefined) return undefined;
    const slash = this.ownerRef.indexOf('/');
    return { kind: this.ownerRef.slice(0, slash), name: this.ownerRef.slice(slash + 1) };
  }

  /** Extra `key: value` lines for the tooltip (only those with a value). */
  get details(): readonly (readonly [string, string])[] | undefined {
    const keys = DETAIL_KEYS[this.kindId];
    if (!keys || this.info === undefined) return undefined;
    const values = unpack(this.info);
    const details: [string, string][] = [];
    keys.forEach((key, i) => {
      if (values[i]) details.push([key, values[i]]);
    });
    return details;
  }

  /** Container names, for pods (logs and shell pick one). */
  get containers(): readonly string[] | undefined {
    return this.kindId === 'pod' && this.info !== undefined ? unpack(this.info).slice(DETAIL_KEYS.pod.length) : undefined;
  }

  /** Desired replicas, for scalable kinds (default value of the scale prompt). */
  get replicas(): number | undefined {
    switch (this.kindId) {
      case 'deployment':
      case 'replicaset':
      case 'statefulset':
        return this.info === undefined ? undefined : Number(unpack(this.info)[0]);
      default:
        return undefined;
    }
  }

  /** Helm release name and revision (derived from the release Secret's labels). */
  get release(): { readonly name: string; readonly revision: number } | undefined {
    if (this.kindId !== 'helmrelease' || this.info === undefined) return undefined;
    const [name = '', revision = '0'] = unpack(this.info);
    return { name, revision: Number(revision) };
  }
}

function pack(values: readonly string[]): string | readonly string[] {
  return values.some((v) => v.includes(SEP)) ? Object.freeze([...values]) : values.join(SEP);
}

function unpack(info: string | readonly string[]): readonly string[] {
  return typeof info === 'string' ? info.split(SEP) : info;
}

/** Shares equal strings between summaries (namespaces, states, statuses, owners repeat a lot). Bounded. */
const interned = new Map<string, string>();
const INTERN_LIMIT = 2048;
function intern(value: string): string;
function intern(value: string | undefined): string | undefined;
function intern(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const seen = interned.get(value);
  if (seen !== undefined) return seen;
  if (interned.size >= INTERN_LIMIT) interned.clear();
  interned.set(value, value);
  return value;
}

/** Seconds since the epoch if they format back to exactly `text` (RFC 3339 in UTC, no fraction). */
function compactTime(text: string | undefined): number | string | undefined {
  if (text === undefined || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(text)) return text;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 19) + 'Z' !== text) return text;
  return ms / 1000;
}

export function summarize(kindId: string, apiObject: unknown): ResourceSummary {
  const o = obj(apiObject);
  const meta = obj(o.metadata);
  const owners = arr(meta.ownerReferences).map(obj);
  const controller = owners.find((r) => r.controller === true) ?? owners[0];
  const parts = statusOf(kindId, o);
  const terminating = typeof meta.deletionTimestamp === 'string';
  const health = terminating ? 'terminating' : parts.health;
  const status = terminating ? `Terminating${parts.status ? ` (${parts.status})` : ''}` : parts.status;
  const state = terminating ? 'terminating' : (parts.state ?? parts.status.split(/\s/)[0] ?? '').toLowerCase();
  const ownerKind = controller ? str(controller.kind) : undefined;
  return new ResourceSummary(
    str(meta.name) ?? '',
    intern(str(meta.namespace)),
    health,
    intern(status),
    intern(state.replace(/[^a-z0-9-]/g, '') || 'unknown'),
    kindId,
    compactTime(str(meta.creationTimestamp)),
    ownerKind ? intern(`${ownerKind}/${str(controller.name) ?? ''}`) : undefined,
    parts.info && pack(parts.info),
  );
}
