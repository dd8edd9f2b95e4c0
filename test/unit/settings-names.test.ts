import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SETTINGS, userValue } from '../../src/vscode/settingNames';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { restricted?: boolean; scope?: string }> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};

test('the settings module knows every setting package.json declares, and which ones are restricted', () => {
  const declared = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(Object.keys(SETTINGS).map((name) => `workshop.${name}`).sort(), declared);
  const restricted = Object.entries(SETTINGS).filter(([, s]) => s.restricted).map(([name]) => `workshop.${name}`).sort();
  assert.deepEqual(restricted, [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort());
  const flagged = Object.entries(manifest.contributes.configuration.properties).filter(([, p]) => p.restricted).map(([name]) => name);
  for (const name of flagged) assert.ok(restricted.includes(name), `${name} is restricted in package.json and in the module`);
});

test('user-only settings are `application` scoped and `restricted`: no workspace can set them', () => {
  for (const [name, setting] of Object.entries(SETTINGS)) {
    const declared = manifest.contributes.configuration.properties[`workshop.${name}`];
    const userOnly = 'userOnly' in setting && setting.userOnly;
    assert.equal(declared.scope === 'application', !!userOnly, name);
    if (userOnly) assert.equal(declared.restricted, true, name);
  }
  assert.ok('userOnly' in SETTINGS['replay.openLinks'] && SETTINGS['replay.openLinks'].userOnly);
});

test('userValue reads the user value or the default, never a workspace or folder value', () => {
  assert.equal(userValue({ defaultValue: 'ask', workspaceValue: 'always', workspaceFolderValue: 'always' }, 'ask'), 'ask');
  assert.equal(userValue({ defaultValue: 'ask', globalValue: 'never', workspaceValue: 'always' }, 'ask'), 'never');
  assert.equal(userValue({ defaultValue: 'ask', globalValue: 'always' }, 'ask'), 'always');
  assert.equal(userValue(undefined, 'ask'), 'ask');
});
