// Kubernetes' own rules for names, checked before a name goes into a URL path
// or a kubectl command line. Names come from the cluster, a typed answer or a
// `workshop-k8s:` URI: none of them is trusted to be well formed.
import type { ResourceKind } from './resources';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_LABEL = new RegExp(`^${LABEL}$`);
const DNS_SUBDOMAIN = new RegExp(`^${LABEL}(\\.${LABEL})*$`);
/** Kinds whose names are only required to be valid path segments (`system:controller:x`). */
const PATH_SEGMENT_NAMED = new Set(['role', 'rolebinding', 'clusterrole', 'clusterrolebinding']);
/** Kinds whose names are DNS labels rather than subdomains. */
const LABEL_NAMED = new Set(['namespace', 'service']);

/** An error message, or undefined when `value` is a DNS-1123 label (namespaces, containers). */
export function checkDnsLabel(value: string, what = 'name'): string | undefined {
  if (value.length === 0) return `The ${what} is empty`;
  if (value.length > 63 || !DNS_LABEL.test(value)) {
    return `"${printable(value)}" is not a valid ${what}: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit`;
  }
  return undefined;
}

/** An error message, or undefined when `value` is a DNS-1123 subdomain (most object names). */
export function checkDnsSubdomain(value: string, what = 'name'): string | undefined {
  if (value.length === 0) return `The ${what} is empty`;
  if (value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    return `"${printable(value)}" is not a valid ${what}: at most 253 lower-case letters, digits, "-" and ".", starting and ending with a letter or digit`;
  }
  return undefined;
}

/** What the API server accepts for any name: a URL path segment that is not `.` or `..` and has no `/` or `%`. */
export function checkPathSegment(value: string, what = 'name'): string | undefined {
  if (value.length === 0) return `The ${what} is empty`;
  if (value === '.' || value === '..' || /[/%]/.test(value) || hasControlCharacters(value) || value.length > 253) {
    return `"${printable(value)}" is not a valid ${what}`;
  }
  return undefined;
}

/** Checks an object's name by the rule of its kind. */
export function checkObjectName(resource: ResourceKind, name: string): string | undefined {
  const what = `${resource.kind} name`;
  if (PATH_SEGMENT_NAMED.has(resource.id)) return checkPathSegment(name, what);
  if (LABEL_NAMED.has(resource.id)) return checkDnsLabel(name, what);
  return checkDnsSubdomain(name, what);
}

export function checkNamespace(namespace: string): string | undefined {
  return checkDnsLabel(namespace, 'namespace name');
}

/** C0 and C1 controls, DEL, line/paragraph separators and bidirectional overrides (which reorder what is shown). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** A value made safe to show inside a message: controls become `\uXXXX`, long values are cut. */
export function printable(value: string): string {
  const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
  return shown.replace(new RegExp(CONTROL.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class InvalidNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidNameError';
  }
}

/** Throws a clear error unless the object's name (and namespace) follow Kubernetes' rules. */
export function assertValidRef(ref: { resource: ResourceKind; name: string; namespace?: string }): void {
  const problem = checkObjectName(ref.resource, ref.name) ?? (ref.namespace !== undefined ? checkNamespace(ref.namespace) : undefined);
  if (problem) throw new InvalidNameError(problem);
}
