// The health and status line of each kind the tree shows, read from a full API object.

/** How the tree colours an item. */
export type Health = 'ok' | 'progressing' | 'warning' | 'error' | 'terminating' | 'neutral';

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
export function str(value: unknown): string | undefined {
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

export interface StatusParts {
  health: Health;
  status: string;
  state?: string;
  /** Values packed into the summary's `info`. */
  info?: string[];
}

export function statusOf(kindId: string, o: Json): StatusParts {
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
