// Turns a full API object into the few fields the tree shows. The watch cache
// keeps only these summaries, so memory stays small with thousands of objects:
// each summary is one small object of scalars. Tooltip details, container names,
// replicas and Helm release are packed into one string (`info`) and unpacked only
// when the tree presents an item or a command asks; repeated strings (namespace,
// state, status, owner) are shared between summaries.

/** How the tree colours an item. */
export type Health = 'ok' | 'progressing' | 'warning' | 'error' | 'terminating' | 'neutral';

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

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}
function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const ERROR_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'Error',
  'OOMKilled',
  'ContainerCannotRun',
]);

interface StatusParts {
  health: Health;
  status: string;
  state?: string;
  /** Values packed into the summary's `info`. */
  info?: string[];
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

function statusOf(kindId: string, o: Json): StatusParts {
  const spec = obj(o.spec);
  const status = obj(o.status);
  switch (kindId) {
    case 'pod':
      return podStatus(spec, status);
    case 'deployment':
      return deploymentStatus(spec, status);
    case 'replicaset':
    case 'statefulset':
      return replicasStatus(spec, status);
    case 'daemonset':
      return daemonSetStatus(status);
    case 'job':
      return jobStatus(spec, status);
    case 'cronjob':
      return cronJobStatus(spec, status);
    case 'service':
      return serviceStatus(spec);
    case 'endpoints':
      return endpointsStatus(o);
    case 'ingress':
      return ingressStatus(spec, status);
    case 'configmap':
      return { health: 'neutral', status: `${countKeys(o.data) + countKeys(o.binaryData)} keys`, state: 'present' };
    case 'secret':
      return { health: 'neutral', status: `${str(o.type) ?? 'Opaque'}, ${countKeys(o.data)} keys`, state: 'present' };
    case 'pvc':
      return volumeStatus(status.phase, obj(status.capacity).storage, ['Bound']);
    case 'pv':
      return volumeStatus(status.phase, obj(spec.capacity).storage, ['Bound', 'Available']);
    case 'node':
      return nodeStatus(o, status);
    case 'namespace': {
      const phase = str(status.phase) ?? 'Active';
      return { health: phase === 'Active' ? 'ok' : 'terminating', status: phase };
    }
    case 'event':
      return eventStatus(o);
    case 'storageclass':
      return { health: 'neutral', status: str(o.provisioner) ?? '', state: 'present' };
    case 'crd':
      return { health: 'neutral', status: `${str(spec.group) ?? ''} (${str(spec.scope) ?? ''})`, state: 'present' };
    case 'helmrelease':
      return helmStatus(o);
    default:
      return { health: 'neutral', status: '', state: 'present' };
  }
}

function countKeys(value: unknown): number {
  return Object.keys(obj(value)).length;
}

function podStatus(spec: Json, status: Json): StatusParts {
  const phase = str(status.phase) ?? 'Pending';
  const containers = arr(spec.containers).map((c) => str(obj(c).name) ?? '').filter(Boolean);
  const statuses = arr(status.containerStatuses).map(obj);
  const initStatuses = arr(status.initContainerStatuses).map(obj);
  const ready = statuses.filter((s) => s.ready === true).length;
  const total = containers.length || statuses.length;
  const restarts = [...statuses, ...initStatuses].reduce((sum, s) => sum + (num(s.restartCount) ?? 0), 0);
  const reasons: string[] = [];
  for (const s of [...initStatuses, ...statuses]) {
    const state = obj(s.state);
    const reason = str(obj(state.waiting).reason) ?? str(obj(state.terminated).reason);
    if (reason && reason !== 'Completed' && !reasons.includes(reason)) reasons.push(reason);
  }
  const errorReason = reasons.find((r) => ERROR_REASONS.has(r));
  const readyText = `${ready}/${total}`;
  let health: Health;
  if (errorReason || phase === 'Failed') health = 'error';
  else if (phase === 'Succeeded') health = 'neutral';
  else if (phase === 'Running' && ready === total) health = 'ok';
  else health = 'progressing';
  const shown = errorReason ?? (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed' ? phase : reasons[0] ?? phase);
  const text = `${shown} ${readyText}${restarts ? `, ${restarts} restart${restarts === 1 ? '' : 's'}` : ''}`;
  // DETAIL_KEYS.pod, then the container names.
  const info = [phase, readyText, String(restarts), reasons.join(', '), str(spec.nodeName) ?? '', str(status.podIP) ?? '', ...containers];
  return { health, status: text, state: shown, info };
}

function deploymentStatus(spec: Json, status: Json): StatusParts {
  const desired = num(spec.replicas) ?? 1;
  const ready = num(status.readyReplicas) ?? 0;
  const updated = num(status.updatedReplicas) ?? 0;
  const available = num(status.availableReplicas) ?? 0;
  const failing = arr(status.conditions)
    .map(obj)
    .find((c) => c.type === 'Progressing' && c.status === 'False');
  const health: Health = failing ? 'error' : ready === desired && updated === desired ? (desired === 0 ? 'neutral' : 'ok') : 'progressing';
  const state = failing ? 'failing' : health === 'ok' ? 'available' : desired === 0 ? 'scaledtozero' : 'progressing';
  return {
    health,
    status: `${ready}/${desired} ready${updated !== desired ? `, ${updated} updated` : ''}`,
    state,
    info: [String(desired), String(ready), String(updated), String(available), failing ? (str(failing.message) ?? str(failing.reason) ?? '') : ''],
  };
}

function replicasStatus(spec: Json, status: Json): StatusParts {
  const desired = num(spec.replicas) ?? 1;
  const ready = num(status.readyReplicas) ?? 0;
  const health: Health = ready === desired ? (desired === 0 ? 'neutral' : 'ok') : 'progressing';
  return {
    health,
    status: `${ready}/${desired} ready`,
    state: health === 'ok' ? 'available' : desired === 0 ? 'scaledtozero' : 'progressing',
    info: [String(desired)],
  };
}

function daemonSetStatus(status: Json): StatusParts {
  const desired = num(status.desiredNumberScheduled) ?? 0;
  const ready = num(status.numberReady) ?? 0;
  return { health: ready === desired ? 'ok' : 'progressing', status: `${ready}/${desired} ready`, state: ready === desired ? 'available' : 'progressing' };
}

function jobStatus(spec: Json, status: Json): StatusParts {
  const completions = num(spec.completions) ?? 1;
  const succeeded = num(status.succeeded) ?? 0;
  const failed = num(status.failed) ?? 0;
  const conditions = arr(status.conditions).map(obj);
  const isFailed = conditions.some((c) => c.type === 'Failed' && c.status === 'True');
  const isComplete = conditions.some((c) => c.type === 'Complete' && c.status === 'True') || succeeded >= completions;
  const health: Health = isFailed ? 'error' : isComplete ? 'ok' : 'progressing';
  const text = `${succeeded}/${completions} completed${failed ? `, ${failed} failed` : ''}`;
  return { health, status: text, state: isFailed ? 'failed' : isComplete ? 'complete' : 'running' };
}

function cronJobStatus(spec: Json, status: Json): StatusParts {
  const suspended = spec.suspend === true;
  const active = arr(status.active).length;
  const last = str(status.lastScheduleTime);
  return {
    health: suspended ? 'neutral' : 'ok',
    status: `${str(spec.schedule) ?? ''}${suspended ? ' (suspended)' : ''}${active ? `, ${active} active` : ''}`,
    state: suspended ? 'suspended' : 'scheduled',
    info: last ? [last] : undefined,
  };
}

function serviceStatus(spec: Json): StatusParts {
  const type = str(spec.type) ?? 'ClusterIP';
  const clusterIP = str(spec.clusterIP) ?? '';
  const ports = arr(spec.ports)
    .map(obj)
    .map((p) => `${num(p.port) ?? ''}${p.nodePort ? `:${num(p.nodePort)}` : ''}/${str(p.protocol) ?? 'TCP'}`);
  return {
    health: 'neutral',
    status: `${type} ${clusterIP}${ports.length ? ` ${ports.join(',')}` : ''}`,
    state: type.toLowerCase(),
    info: [type, clusterIP, ports.join(', ')],
  };
}

function endpointsStatus(o: Json): StatusParts {
  let ready = 0;
  let notReady = 0;
  for (const subset of arr(o.subsets).map(obj)) {
    ready += arr(subset.addresses).length;
    notReady += arr(subset.notReadyAddresses).length;
  }
  return {
    health: ready > 0 ? 'ok' : 'warning',
    status: `${ready} ready${notReady ? `, ${notReady} not ready` : ''}`,
    state: ready > 0 ? 'ready' : 'empty',
  };
}

function ingressStatus(spec: Json, status: Json): StatusParts {
  const hosts = arr(spec.rules)
    .map((r) => str(obj(r).host))
    .filter((h): h is string => !!h);
  const addresses = arr(obj(status.loadBalancer).ingress)
    .map((i) => str(obj(i).ip) ?? str(obj(i).hostname))
    .filter((a): a is string => !!a);
  return {
    health: addresses.length ? 'ok' : 'progressing',
    status: `${hosts.join(',') || '*'}${addresses.length ? ` -> ${addresses.join(',')}` : ''}`,
    state: addresses.length ? 'ready' : 'pending',
  };
}

function volumeStatus(phaseValue: unknown, capacity: unknown, goodPhases: string[]): StatusParts {
  const phase = str(phaseValue) ?? 'Pending';
  const health: Health = goodPhases.includes(phase) ? 'ok' : phase === 'Failed' || phase === 'Lost' ? 'error' : 'progressing';
  return { health, status: `${phase}${str(capacity) ? ` ${str(capacity)}` : ''}`, state: phase };
}

function nodeStatus(o: Json, status: Json): StatusParts {
  const ready = arr(status.conditions)
    .map(obj)
    .find((c) => c.type === 'Ready');
  const isReady = ready?.status === 'True';
  const labels = obj(obj(o.metadata).labels);
  const roles = Object.keys(labels)
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length));
  const version = str(obj(status.nodeInfo).kubeletVersion) ?? '';
  const unschedulable = obj(o.spec).unschedulable === true;
  const text = `${isReady ? 'Ready' : 'NotReady'}${unschedulable ? ',SchedulingDisabled' : ''}${roles.length ? ` ${roles.join(',')}` : ''}${version ? ` ${version}` : ''}`;
  return { health: isReady ? (unschedulable ? 'warning' : 'ok') : 'error', status: text, state: isReady ? 'ready' : 'notready' };
}

function eventStatus(o: Json): StatusParts {
  const type = str(o.type) ?? 'Normal';
  const involved = obj(o.involvedObject);
  const reason = str(o.reason) ?? '';
  const message = str(o.message) ?? '';
  const count = num(o.count);
  return {
    health: type === 'Warning' ? 'warning' : 'neutral',
    status: `${reason}: ${str(involved.kind) ?? ''}/${str(involved.name) ?? ''}${count && count > 1 ? ` (x${count})` : ''}`,
    state: type,
    info: [type, message, str(o.lastTimestamp) ?? str(o.eventTime) ?? ''],
  };
}

function helmStatus(o: Json): StatusParts {
  const labels = obj(obj(o.metadata).labels);
  const name = str(labels.name) ?? '';
  const revision = Number(str(labels.version) ?? '0') || 0;
  const status = str(labels.status) ?? 'unknown';
  const health: Health =
    status === 'deployed' ? 'ok' : status === 'failed' ? 'error' : status.startsWith('pending') ? 'progressing' : 'neutral';
  return { health, status: `rev ${revision} ${status}`, state: status, info: [name, String(revision)] };
}
