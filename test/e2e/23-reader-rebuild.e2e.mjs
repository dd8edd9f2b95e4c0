// A reader view whose ready handshake is lost is rebuilt and draws, and the log says so.
// The loss is injected from the test side: an init script in VS Code's webview host frame
// (pre/index.html) swallows the `ready` messages the reader posts in its first 4 seconds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, skipReason, waitFor } from './harness.mjs';

const skip = await skipReason();

// Runs in the page, not in Node.
/* global location, window */
function loseFirstReady() {
  if (!location.pathname.endsWith('/webview/browser/pre/index.html')) return;
  let real;
  // Every ready of the first 4 seconds is lost, not only the first: VS Code itself may load the
  // view's document again in that time (1.100 does when the view settles), and that second
  // document's ready would otherwise draw the view before the extension's deadline.
  let lostUntil;
  const forward = (command, data) => {
    if (command === 'onmessage' && data?.message?.type === 'ready') {
      lostUntil ??= Date.now() + 4_000;
      if (Date.now() < lostUntil) return;
    }
    return real(command, data);
  };
  Object.defineProperty(window, '__vscode_post_message__', {
    configurable: true,
    get: () => real && forward,
    set: (fn) => {
      real = fn;
    },
  });
}

function workshopLog(userData) {
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name === 'Kubernetes Workshop.log') files.push(join(dir, e.name));
    }
  };
  try {
    walk(join(userData, 'logs'));
  } catch {
    return '';
  }
  return files.map((f) => readFileSync(f, 'utf8')).join('\n');
}

test('a reader view that missed its ready handshake is rebuilt and draws', { skip, timeout: 180_000 }, async (t) => {
  // Given before the workbench loads: a reader view VS Code restores at startup loses its ready too.
  const wb = await openWorkbench(t, { name: 'reader-rebuild', initScripts: [loseFirstReady] });
  await wb.openWorkshopContainer();
  const frame = await wb.webviewFrame({ timeout: 60_000 });
  assert.ok(await frame.locator('#toc, #slide').count(), 'the reader drew after its rebuild');
  await wb.screenshot('drawn-after-rebuild');
  const log = await waitFor(() => {
    const text = workshopLog(wb.userData);
    return /reader view did not draw in \d+ s; rebuilt/.test(text) ? text : null;
  }, { timeout: 20_000, message: 'the rebuild line in the Workshop log' });
  assert.match(log, /reader: the view shows .* \(\d+ chapters\)/);
});
