// Kubernetes objects described by YAML text (a file a lab applies, a heredoc, a slide's code block).
import { yaml } from '../onFirstUse';

export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name?: string;
  readonly namespace?: string;
}

/** Every object of a (multi-document) YAML text; `List` items included. Unreadable YAML gives none. */
export function manifestObjects(text: string): ManifestObject[] {
  let documents: unknown[];
  // Outside the try: a js-yaml that cannot load is an error of the extension, not unreadable YAML.
  const { loadAll } = yaml();
  try {
    documents = loadAll(text, undefined, { json: true });
  } catch {
    return [];
  }
  const out: ManifestObject[] = [];
  const visit = (value: unknown) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    const o = value as Record<string, unknown>;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') return;
    if (o.kind.endsWith('List') && Array.isArray(o.items)) {
      o.items.forEach(visit);
      return;
    }
    const metadata = (o.metadata && typeof o.metadata === 'object' ? o.metadata : {}) as Record<string, unknown>;
    out.push({
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: typeof metadata.name === 'string' ? metadata.name : undefined,
      namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    });
  };
  documents.forEach(visit);
  return out;
}
