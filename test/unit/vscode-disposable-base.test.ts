// The one Disposable base of the glue classes: once, in reverse order, whatever throws.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DisposableBase } from '../../src/vscode/disposableBase';

class Owner extends DisposableBase {
  take(name: string, log: string[], fail = false) {
    return this.own({
      dispose: () => {
        log.push(name);
        if (fail) throw new Error(`${name} failed`);
      },
    });
  }
  takeTwo(first: string, second: string, log: string[]) {
    this.own({ dispose: () => log.push(first) }, { dispose: () => log.push(second) });
  }
  later(name: string, log: string[]) {
    this.onDispose(() => log.push(name));
  }
  get gone() {
    return this.isDisposed;
  }
}

test('DisposableBase: disposes what it owns once, last owned first', () => {
  const log: string[] = [];
  const owner = new Owner();
  owner.take('emitter', log);
  owner.takeTwo('listener', 'watcher', log);
  owner.later('teardown', log);
  assert.equal(owner.gone, false);
  owner.dispose();
  owner.dispose();
  assert.deepEqual(log, ['teardown', 'watcher', 'listener', 'emitter']);
  assert.equal(owner.gone, true);
});

test('DisposableBase: a resource owned after dispose is disposed at once', () => {
  const log: string[] = [];
  const owner = new Owner();
  owner.dispose();
  owner.take('late', log);
  assert.deepEqual(log, ['late']);
  owner.dispose();
  assert.deepEqual(log, ['late']);
});

test('DisposableBase: one that throws does not keep the others, and its error comes out', () => {
  const log: string[] = [];
  const owner = new Owner();
  owner.take('first', log);
  owner.take('broken', log, true);
  owner.take('last', log);
  assert.throws(() => owner.dispose(), /broken failed/);
  assert.deepEqual(log, ['last', 'broken', 'first']);
});
