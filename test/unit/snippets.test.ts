// Manifest snippets: every snippet expanded with its defaults must be valid
// Kubernetes YAML for its kind, and the snippet file must follow our rules.
//
// Validation has two halves:
// - `new Model(obj).validate()` from kubernetes-models runs the OpenAPI schema
//   (types, required fields, formats). Its generated schemas do NOT set
//   `additionalProperties: false`, so a misspelled field passes unnoticed;
// - `unknownFields()` closes that hole: it walks the object against the
//   TypeScript declarations shipped in kubernetes-models (generated from the
//   same OpenAPI schema) with the TypeScript type checker, and reports every
//   field that the type of its parent does not declare.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import ts from 'typescript';

import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Endpoints } from 'kubernetes-models/v1/Endpoints';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod } from 'kubernetes-models/v1/Pod';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { ReplicaSet } from 'kubernetes-models/apps/v1/ReplicaSet';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { StorageClass } from 'kubernetes-models/storage.k8s.io/v1/StorageClass';
import { CustomResourceDefinition } from 'kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition';

import { findSnippet, listSnippets, planInsertion, type SnippetEntry } from '../../src/snippets/catalog';
import { analyzeTabStops, expandDefaults, kindsCovered, parseSnippet, type SnippetNode } from './helpers/snippetSyntax';

type Obj = Record<string, unknown>;

interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: never): { validate(): void };
}

/** The model of every kind the snippets may produce, each at its current API version. */
const MODELS: ModelClass[] = [
  Pod, Service, Endpoints, ConfigMap, Secret, PersistentVolume, PersistentVolumeClaim, Namespace, ServiceAccount,
  LimitRange, ResourceQuota, Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob, Ingress, NetworkPolicy,
  Role, ClusterRole, RoleBinding, ClusterRoleBinding, HorizontalPodAutoscaler, PodDisruptionBudget, StorageClass,
  CustomResourceDefinition,
];
const MODEL_BY_KIND = new Map(MODELS.map((m) => [m.kind, m]));

/** Module of kubernetes-models declaring `I<Kind>`, for the unknown-field check. */
function modulePath(model: ModelClass): string {
  return `kubernetes-models/${model.apiVersion}/${model.kind}`;
}

/** Prefix asked for by the issue -> kinds of the documents the snippet must produce. */
const REQUIRED: Record<string, string[]> = {
  pod: ['Pod'],
  deploy: ['Deployment'],
  rs: ['ReplicaSet'],
  ds: ['DaemonSet'],
  sts: ['Service', 'StatefulSet'],
  job: ['Job'],
  cronjob: ['CronJob'],
  svc: ['Service'],
  'svc-nodeport': ['Service'],
  'svc-lb': ['Service'],
  'svc-external': ['Service'],
  'svc-headless': ['Service'],
  endpoints: ['Service', 'Endpoints'],
  ingress: ['Ingress'],
  'netpol-deny-all': ['NetworkPolicy'],
  'netpol-same-namespace': ['NetworkPolicy'],
  'netpol-from-label': ['NetworkPolicy'],
  cm: ['ConfigMap'],
  secret: ['Secret'],
  pv: ['PersistentVolume'],
  pvc: ['PersistentVolumeClaim'],
  sc: ['StorageClass'],
  ns: ['Namespace'],
  sa: ['ServiceAccount'],
  role: ['Role'],
  clusterrole: ['ClusterRole'],
  rolebinding: ['RoleBinding'],
  clusterrolebinding: ['ClusterRoleBinding'],
  hpa: ['HorizontalPodAutoscaler'],
  pdb: ['PodDisruptionBudget'],
  limitrange: ['LimitRange'],
  quota: ['ResourceQuota'],
  crd: ['CustomResourceDefinition'],
};

// ---------------------------------------------------------------------------
// Strict unknown-field check over the kubernetes-models type declarations

let checkerCache: { checker: ts.TypeChecker; types: Map<string, ts.Type> } | undefined;

function typeChecker(): { checker: ts.TypeChecker; types: Map<string, ts.Type> } {
  if (checkerCache) return checkerCache;
  // A virtual source file next to node_modules: `declare const Deployment: IDeployment;` for every kind.
  const fileName = join(process.cwd(), '__snippet_kinds__.ts');
  const source = MODELS.map((m) => `import type { I${m.kind} } from '${modulePath(m)}';\ndeclare const ${m.kind}: I${m.kind};\n`).join('');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    skipLibCheck: true,
    types: [],
    noEmit: true,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  const program = ts.createProgram([fileName], options, host);
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(fileName)!;
  const problems = ts.getPreEmitDiagnostics(program, sourceFile).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(problems, [], 'the kubernetes-models declarations must resolve');
  const types = new Map<string, ts.Type>();
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      types.set(declaration.name.getText(sourceFile), checker.getTypeAtLocation(declaration.name));
    }
  }
  checkerCache = { checker, types };
  return checkerCache;
}

/** Paths (`/spec/replica`) of every field of `value` that the kubernetes-models type of its kind does not declare. */
function unknownFields(kind: string, value: unknown): string[] {
  const { checker, types } = typeChecker();
  const root = types.get(kind);
  assert.ok(root, `no type for kind ${kind}`);
  const found: string[] = [];

  const members = (type: ts.Type): ts.Type[] => {
    const t = checker.getNonNullableType(type);
    return t.isUnion() ? t.types : [t];
  };
  const isOpen = (type: ts.Type): boolean => members(type).some((t) => (t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);

  const visit = (val: unknown, type: ts.Type, path: string): void => {
    if (val === null || typeof val !== 'object' || isOpen(type)) return; // scalars: types are the schema validator's job
    if (Array.isArray(val)) {
      const arrays = members(type).filter((t) => checker.isArrayType(t));
      const element = arrays.length ? checker.getTypeArguments(arrays[0] as ts.TypeReference)[0] : undefined;
      if (element) val.forEach((item, i) => visit(item, element, `${path}/${i}`));
      return;
    }
    const objects = members(type).filter((t) => (t.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(t));
    if (!objects.length) return; // an object where the schema wants a scalar: reported by validate()
    for (const [key, child] of Object.entries(val as Obj)) {
      let childType: ts.Type | undefined;
      for (const candidate of objects) {
        const property = checker.getPropertyOfType(candidate, key);
        if (property) {
          childType = checker.getTypeOfSymbol(property);
          break;
        }
        const index = checker.getIndexInfoOfType(candidate, ts.IndexKind.String);
        if (index) {
          childType = index.type;
          break;
        }
      }
      if (childType) visit(child, childType, `${path}/${key}`);
      else found.push(`${path}/${key}`);
    }
  };
  visit(value, root, '');
  return found;
}

/** Every schema problem of one document: validate() errors and unknown fields. Empty when valid. */
function schemaProblems(doc: Obj): string[] {
  const kind = String(doc.kind);
  const model = MODEL_BY_KIND.get(kind);
  if (!model) return [`no model for kind ${kind}`];
  const problems: string[] = [];
  if (doc.apiVersion !== model.apiVersion) problems.push(`apiVersion ${String(doc.apiVersion)}, expected ${model.apiVersion}`);
  try {
    new model(doc as never).validate();
  } catch (err) {
    const details = (err as { errors?: { instancePath: string; message?: string }[] }).errors;
    problems.push(...(details?.map((e) => `${e.instancePath} ${e.message ?? ''}`) ?? [String(err)]));
  }
  problems.push(...unknownFields(kind, doc).map((path) => `${path}: unknown field`));
  return problems;
}

function documents(text: string): Obj[] {
  return yaml.loadAll(text).filter((d) => d !== null && d !== undefined) as Obj[];
}

const get = (obj: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Obj)[k] : undefined), obj);

/**
 * Cross-references that must hold in a snippet (names and labels that must
 * match): selector vs pod template labels, StatefulSet vs governing Service,
 * Service vs its Endpoints, CRD name vs plural and group.
 */
function linkProblems(docs: Obj[]): string[] {
  const problems: string[] = [];
  const services = docs.filter((d) => d.kind === 'Service');
  const subset = (sel: unknown, labels: unknown, what: string): void => {
    for (const [k, v] of Object.entries((sel ?? {}) as Obj)) {
      if ((labels as Obj | undefined)?.[k] !== v) problems.push(`${what}: selector ${k}=${String(v)} does not match the pod labels`);
    }
  };
  for (const doc of docs) {
    const name = get(doc, 'metadata.name');
    const podLabels = get(doc, 'spec.template.metadata.labels');
    if (podLabels !== undefined || get(doc, 'spec.template') !== undefined) subset(get(doc, 'spec.selector.matchLabels'), podLabels, String(doc.kind));
    if (doc.kind === 'StatefulSet') {
      const svc = services.find((s) => get(s, 'metadata.name') === get(doc, 'spec.serviceName'));
      if (!svc) problems.push('StatefulSet: serviceName does not name the Service of the snippet');
      else {
        if (get(svc, 'spec.clusterIP') !== 'None') problems.push('StatefulSet: its Service is not headless');
        subset(get(svc, 'spec.selector'), podLabels, 'StatefulSet Service');
      }
    }
    if (doc.kind === 'Endpoints') {
      const svc = services.find((s) => get(s, 'metadata.name') === name);
      if (!svc) problems.push('Endpoints: no Service with the same name');
      else {
        const svcPorts = (get(svc, 'spec.ports') ?? []) as Obj[];
        for (const subsetEntry of (doc.subsets ?? []) as Obj[]) {
          for (const port of (subsetEntry.ports ?? []) as Obj[]) {
            const match = svcPorts.find((p) => p.name === port.name);
            if (!match) problems.push(`Endpoints: port ${String(port.name)} is not a port name of the Service`);
            else if ((match.targetPort ?? match.port) !== port.port) problems.push('Endpoints: port differs from the Service targetPort');
          }
        }
      }
    }
    if (doc.kind === 'CustomResourceDefinition') {
      if (name !== `${String(get(doc, 'spec.names.plural'))}.${String(get(doc, 'spec.group'))}`) {
        problems.push('CRD: metadata.name must be <plural>.<group>');
      }
    }
  }
  return problems;
}

const snippets = listSnippets();
const raw = JSON.parse(readFileSync(join(process.cwd(), 'snippets/kubernetes.json'), 'utf8')) as Record<string, { prefix: unknown; body: unknown; description: unknown }>;

// ---------------------------------------------------------------------------
// The snippets themselves

test('every required kind has a snippet under the expected prefix', () => {
  for (const [prefix, kinds] of Object.entries(REQUIRED)) {
    const entry = findSnippet(prefix);
    assert.ok(entry, `no snippet with prefix ${prefix}`);
    assert.deepEqual(documents(expandDefaults(entry.body)).map((d) => d.kind), kinds, `documents of ${prefix}`);
  }
  const required = new Set(Object.values(REQUIRED).flat());
  assert.deepEqual(kindsCovered(), [...required].sort());
});

for (const entry of snippets) {
  test(`snippet ${entry.label} (${entry.prefix}) expands to valid manifests`, () => {
    const text = expandDefaults(entry.body);
    assert.doesNotMatch(text, /\$\{|\$\d/, 'no snippet syntax left after expansion');
    const docs = documents(text);
    assert.ok(docs.length >= 1, 'at least one YAML document');
    for (const doc of docs) {
      assert.equal(typeof doc, 'object');
      assert.ok(get(doc, 'metadata.name'), `${String(doc.kind)} has a name`);
      assert.deepEqual(schemaProblems(doc), [], `${String(doc.kind)} of ${entry.label} is valid`);
    }
    assert.deepEqual(linkProblems(docs), []);
  });
}

test('snippet file format: prefixes, descriptions, bodies as arrays of lines', () => {
  const seen = new Map<string, string>();
  for (const [label, snippet] of Object.entries(raw)) {
    assert.ok(Array.isArray(snippet.prefix) || typeof snippet.prefix === 'string', `${label}: prefix`);
    assert.ok(Array.isArray(snippet.body), `${label}: body is an array of lines`);
    assert.ok(typeof snippet.description === 'string' && snippet.description.length > 10, `${label}: description`);
    for (const prefix of [snippet.prefix].flat() as string[]) {
      assert.match(prefix, /^[a-z0-9-]+$/, `${label}: prefix ${prefix}`);
      assert.ok(!seen.has(prefix), `prefix ${prefix} used by ${seen.get(prefix)} and ${label}`);
      seen.set(prefix, label);
    }
  }
  assert.equal(new Set(snippets.map((s) => s.id)).size, snippets.length, 'ids are unique');
});

test('bodies: 2-space indentation, no tab characters, no trailing spaces', () => {
  for (const entry of snippets) {
    assert.ok(!entry.body.includes('\t'), `${entry.label}: tab character`);
    entry.body.split('\n').forEach((line, i) => {
      const indent = /^ */.exec(line)![0].length;
      assert.equal(indent % 2, 0, `${entry.label} line ${i + 1}: odd indentation`);
      assert.doesNotMatch(line, /\s$/, `${entry.label} line ${i + 1}: trailing whitespace`);
    });
  }
});

test('every tab stop has a default, the same one at every occurrence; no variables', () => {
  for (const entry of snippets) {
    const stops = analyzeTabStops(entry.body);
    assert.ok(stops.length > 0, `${entry.label}: has tab stops`);
    for (const stop of stops) {
      if (stop.index === 0) continue;
      assert.ok(stop.defaults.length > 0, `${entry.label}: $${stop.index} has no default`);
      assert.ok(stop.defaults.every((d) => d.trim() !== ''), `${entry.label}: $${stop.index} has an empty default`);
      assert.equal(new Set(stop.defaults).size, 1, `${entry.label}: $${stop.index} has different defaults ${stop.defaults.join(' / ')}`);
    }
    const indexes = stops.map((s) => s.index).filter((i) => i > 0);
    assert.deepEqual(indexes, indexes.map((_, i) => i + 1), `${entry.label}: tab stops numbered 1..n without gaps`);
    const variables: string[] = [];
    const walk = (nodes: SnippetNode[]): void =>
      nodes.forEach((n) => {
        if (n.type === 'variable') variables.push(n.name);
        if (n.type !== 'text' && n.children) walk(n.children);
      });
    walk(parseSnippet(entry.body));
    assert.deepEqual(variables, [], `${entry.label}: a stray $ would be read as a variable`);
  }
});

test('names and labels that must match are linked placeholders', () => {
  // Type something else into each tab stop in turn: the cross-references must still hold.
  for (const entry of snippets) {
    for (const stop of analyzeTabStops(entry.body)) {
      const text = expandDefaults(entry.body, { values: { [stop.index]: `changed${stop.index}` } });
      assert.deepEqual(linkProblems(documents(text)), [], `${entry.label}: editing $${stop.index} breaks a reference`);
    }
  }
  // And the check does catch an unlinked selector.
  const unlinked = [
    'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: ${1:web}', 'spec:', '  selector:', '    matchLabels:',
    '      app: ${2:web}', '  template:', '    metadata:', '      labels:', '        app: ${3:web}',
  ].join('\n');
  assert.deepEqual(linkProblems(documents(expandDefaults(unlinked))), []);
  assert.notDeepEqual(linkProblems(documents(expandDefaults(unlinked, { values: { 2: 'api' } }))), []);
});

// ---------------------------------------------------------------------------
// The validation catches mistakes

function deploymentDoc(): Obj {
  return documents(expandDefaults(findSnippet('deploy')!.body))[0];
}

test('schema check rejects a misspelled field', () => {
  const doc = deploymentDoc();
  const spec = doc.spec as Obj;
  spec.replica = spec.replicas;
  delete spec.replicas;
  assert.deepEqual(schemaProblems(doc), ['/spec/replica: unknown field']);
});

test('schema check rejects misspelled nested and top-level fields', () => {
  const doc = deploymentDoc();
  const container = (get(doc, 'spec.template.spec.containers') as Obj[])[0];
  (container.readinessProbe as Obj).httpGet = { paht: '/', port: 'http' };
  container.imagePullPolicyy = 'Always';
  doc.specs = {};
  (doc.metadata as Obj).label = { app: 'web' };
  assert.deepEqual(schemaProblems(doc).sort(), [
    '/metadata/label: unknown field',
    '/spec/template/spec/containers/0/imagePullPolicyy: unknown field',
    '/spec/template/spec/containers/0/readinessProbe/httpGet/paht: unknown field',
    '/specs: unknown field',
  ]);
});

test('schema check rejects a wrong type and a missing required field', () => {
  const doc = deploymentDoc();
  (doc.spec as Obj).replicas = 'three';
  assert.deepEqual(schemaProblems(doc), ['/spec/replicas must be integer']);

  const noImage = deploymentDoc();
  const container = (get(noImage, 'spec.template.spec.containers') as Obj[])[0];
  container.name = 42;
  delete (noImage.spec as Obj).selector;
  const problems = schemaProblems(noImage);
  assert.ok(problems.some((p) => p.includes('/spec/template/spec/containers/0/name must be string')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('/spec must have required property selector')), problems.join('\n'));
});

test('schema check rejects an outdated apiVersion', () => {
  const doc = deploymentDoc();
  doc.apiVersion = 'extensions/v1beta1';
  assert.ok(schemaProblems(doc).some((p) => p.startsWith('apiVersion extensions/v1beta1')));
});

test('free-form maps (labels, data, CRD schemas) accept any key', () => {
  const cm = documents(expandDefaults(findSnippet('cm')!.body))[0];
  (cm.data as Obj)['anything-goes'] = 'yes';
  assert.deepEqual(schemaProblems(cm), []);
  const crd = documents(expandDefaults(findSnippet('crd')!.body))[0];
  const version = (get(crd, 'spec.versions') as Obj[])[0];
  (get(version, 'schema.openAPIV3Schema.properties') as Obj).status = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  assert.deepEqual(schemaProblems(crd), []);
  (get(version, 'schema.openAPIV3Schema.properties') as Obj).status = { tpye: 'object' };
  assert.deepEqual(schemaProblems(crd), ['/spec/versions/0/schema/openAPIV3Schema/properties/status/tpye: unknown field']);
});

// ---------------------------------------------------------------------------
// Catalogue helpers

test('expandDefaults handles the VS Code snippet syntax', () => {
  assert.equal(expandDefaults('name: ${1:web}\napp: $1\nalso: ${1}'), 'name: web\napp: web\nalso: web');
  assert.equal(expandDefaults('a: $1\nb: ${1:late}'), 'a: late\nb: late', 'a mirror before its placeholder');
  assert.equal(expandDefaults('x: ${1|Never,OnFailure|}'), 'x: Never');
  assert.equal(expandDefaults('x: ${1:outer ${2:inner}} $2'), 'x: outer inner inner');
  assert.equal(expandDefaults('host: ${2:$1.example.com} ${1:web}'), 'host: web.example.com web');
  assert.equal(expandDefaults('end$0'), 'end');
  assert.equal(expandDefaults('cost: \\$5 \\} \\\\ $ } {}'), 'cost: $5 } \\ $ } {}');
  assert.equal(expandDefaults('${1:a\\}b}'), 'a}b');
  assert.equal(expandDefaults('${1|a\\,b,c|}'), 'a,b');
  assert.equal(expandDefaults('${TM_FILENAME:file.yaml} $HOME'), 'file.yaml HOME');
  assert.equal(expandDefaults('${1:web} ${1/(.*)/${1:/upcase}/}'), 'web WEB');
  assert.equal(expandDefaults('${1:web} $1', { values: { 1: 'api' } }), 'api api');
  assert.equal(expandDefaults('${1:unterminated'), '${1:unterminated');
});

test('analyzeTabStops reports defaults, mirrors and choices', () => {
  assert.deepEqual(analyzeTabStops('${1:a} $1 ${2|x,y|} $3'), [
    { index: 1, occurrences: 2, defaults: ['a'], choice: false },
    { index: 2, occurrences: 1, defaults: ['x'], choice: true },
    { index: 3, occurrences: 1, defaults: [], choice: false },
  ]);
});

test('listSnippets and findSnippet', () => {
  const entry = findSnippet('svc-nodeport') as SnippetEntry;
  assert.equal(entry.label, 'Service/NodePort');
  assert.equal(entry.kind, 'Service');
  assert.equal(entry.variant, 'NodePort');
  assert.equal(findSnippet('k8s-svc-nodeport')?.id, entry.id);
  assert.equal(findSnippet(entry.id)?.prefix, 'svc-nodeport');
  assert.equal(findSnippet('Service/NodePort')?.id, entry.id);
  assert.equal(findSnippet('no-such-snippet'), undefined);
  assert.equal(findSnippet('deploy')?.body, (raw.Deployment.body as string[]).join('\n'));
});

test('planInsertion keeps every snippet a YAML document of its own', () => {
  const apply = (text: string, cursor: number, snippet = 'kind: New'): string => {
    const plan = planInsertion(text, cursor);
    return text.slice(0, plan.offset) + plan.prefix + snippet + plan.suffix + text.slice(plan.offset);
  };
  assert.equal(apply('', 0), 'kind: New');
  assert.equal(apply('\n  \n', 2), 'kind: New\n  \n');
  // inside a document: goes to its end
  assert.equal(apply('kind: A\nspec: {}\n', 3), 'kind: A\nspec: {}\n---\nkind: New');
  assert.equal(apply('kind: A', 7), 'kind: A\n---\nkind: New');
  assert.equal(apply('kind: A\n---\nkind: B\n', 2), 'kind: A\n---\nkind: New\n---\nkind: B\n');
  // on a blank line right after a separator: right there
  assert.equal(apply('kind: A\n---\n\nkind: B\n', 12), 'kind: A\n---\nkind: New\n---\n\nkind: B\n');
  assert.equal(apply('kind: A\n---\n\n', 12), 'kind: A\n---\nkind: New\n');
  assert.equal(apply('\nkind: B\n', 0), 'kind: New\n---\n\nkind: B\n');
  assert.equal(apply('\n---\nkind: B\n', 0), 'kind: New\n\n---\nkind: B\n');
  // every result stays parseable, with one more document than before
  for (const [text, cursor] of [['kind: A\n---\nkind: B\n', 14], ['kind: A\n\n\n', 9], ['---\nkind: A\n', 0]] as const) {
    const before = documents(text).length;
    assert.equal(documents(apply(text, cursor)).length, before + 1, JSON.stringify(text));
  }
});

test('docs/snippets.md is generated from the current snippet file', () => {
  const result = spawnSync(process.execPath, ['scripts/snippets-table.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
