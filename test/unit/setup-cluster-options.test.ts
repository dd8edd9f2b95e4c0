import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterOptions, contextOrigin, type LocalTool } from '../../src/setup/clusterOptions';

const tools = (...names: LocalTool[]) => new Set<LocalTool>(names);

test('contexts come first, the current one at the top, with the tool that made them', () => {
  const options = clusterOptions({
    tools: tools(),
    contexts: [{ name: 'kind-workshop', server: 'https://127.0.0.1:6443' }, { name: 'docker-desktop' }],
    currentContext: 'docker-desktop',
  });
  assert.deepEqual(
    options.filter((o) => o.kind === 'useContext').map((o) => [o.label, o.detail]),
    [
      ['Use context docker-desktop', 'current context · Docker Desktop'],
      ['Use context kind-workshop', 'kind · https://127.0.0.1:6443'],
    ],
  );
});

test('a create command for each tool found; none found: install advice; the lab VM always', () => {
  const withTools = clusterOptions({ tools: tools('kind', 'minikube', 'docker'), contexts: [] });
  assert.deepEqual(
    withTools.filter((o) => o.kind === 'create').map((o) => (o.kind === 'create' ? o.command : '')),
    ['kind create cluster --name workshop', 'minikube start --profile workshop'],
  );
  assert.ok(!withTools.some((o) => o.kind === 'install'));
  assert.equal(withTools.at(-1)?.kind, 'labVm');

  const dockerOnly = clusterOptions({ tools: tools('docker'), contexts: [] });
  assert.match(dockerOnly.find((o) => o.kind === 'install')?.label ?? '', /Install kind/);
  const nothing = clusterOptions({ tools: tools(), contexts: [] });
  assert.match(nothing.find((o) => o.kind === 'install')?.label ?? '', /Install Docker/);
  assert.equal(nothing.at(-1)?.kind, 'labVm');
});

test('context names tell their origin', () => {
  assert.equal(contextOrigin('k3d-dev'), 'k3d');
  assert.equal(contextOrigin('minikube'), 'minikube');
  assert.equal(contextOrigin('prod'), undefined);
});
