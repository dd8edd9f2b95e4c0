import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS } from '../../src/vscode/settingNames';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { properties: Record<string, unknown> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};

test('the settings module knows every setting package.json declares, and which ones are restricted', () => {
  const declared = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(Object.keys(SETTINGS).map((name) => `workshop.${name}`).sort(), declared);
  const restricted = Object.entries(SETTINGS).filter(([, s]) => s.restricted).map(([name]) => `workshop.${name}`).sort();
  assert.deepEqual(restricted, [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort());
});
