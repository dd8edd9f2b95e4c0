// The PaneSet as the one owner of the terminals split beside the main one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PaneSet } from '../../src/exercises/panes';

/** Opens split terminals named split1, split2... */
function opener() {
  let count = 0;
  return () => `split${++count}`;
}

test('panes own their split terminals from opening to closing, never the main one', () => {
  const panes = new PaneSet<string>('main');
  const open = opener();
  const watch = panes.adopt(open());
  panes.addWatch(watch);
  assert.equal(panes.adopt('main'), 'main');
  assert.deepEqual(panes.splitTerminals(), ['split1']);
  assert.equal(panes.ownsSplit('split1'), true);
  assert.equal(panes.ownsSplit('main'), false);
  assert.deepEqual(panes.unusedSplits(), [], 'the watch is shown in its pane');
  assert.equal(panes.stopWatch(), 'split1');
  assert.deepEqual(panes.unusedSplits(), ['split1'], 'a stopped watch stays owned, unused, until it is closed');
  panes.release('split1');
  assert.deepEqual(panes.splitTerminals(), []);
  assert.equal(panes.ownsSplit('split1'), false);
});

test('panes: a pane without a shell gets one split beside the main terminal, owned', () => {
  const panes = new PaneSet<string>('main');
  const open = opener();
  panes.addWatch(panes.adopt(open()));
  // The watch hides the main shell: the new pane takes it, nothing is opened.
  panes.split(() => assert.fail('the main shell is free'));
  assert.equal(panes.shell(() => assert.fail('the new pane has its shell')), 'main');
  panes.select(0);
  panes.addWatch(panes.adopt(open()));
  assert.equal(panes.paneShowing('split1'), panes.current, 'the oldest watch is in front');
  assert.equal(panes.paneShowing('split2'), undefined, 'a later watch waits behind it');
  assert.equal(panes.shell(() => panes.adopt(open())), 'split3');
  assert.equal(panes.shell(() => assert.fail('opened once')), 'split3');
  assert.deepEqual(panes.splitTerminals(), ['split1', 'split2', 'split3']);
  assert.deepEqual(panes.unusedSplits(), []);
});

test('panes: a split terminal the user closed is forgotten by its pane and no longer owned', () => {
  const panes = new PaneSet<string>('main');
  const open = opener();
  panes.split(() => panes.adopt(open()));
  assert.equal(panes.target(), 'split1');
  panes.forget('split1');
  assert.equal(panes.ownsSplit('split1'), false);
  assert.deepEqual(panes.terminals(), ['main']);
  assert.equal(panes.target(), 'main');
});

test('panes: releasing a split terminal a pane still uses takes it out of the pane too', () => {
  const panes = new PaneSet<string>('main');
  panes.split(() => panes.adopt('split1'));
  panes.release('split1');
  assert.deepEqual(panes.terminals(), ['main']);
  panes.release('not-owned');
  assert.deepEqual(panes.terminals(), ['main']);
});

test('panes: callers see the panes through all() and change them only by methods', () => {
  const panes = new PaneSet<string>('main');
  const open = opener();
  panes.addWatch(panes.adopt(open()));
  panes.split(() => assert.fail('the main shell is free'));
  assert.deepEqual(
    panes.all().map((pane) => ({ base: pane.base, watches: [...pane.watches] })),
    [
      { base: undefined, watches: ['split1'] },
      { base: 'main', watches: [] },
    ],
  );
  assert.equal(panes.stopWatch({ base: undefined, watches: ['split1'] }), undefined, 'a look-alike pane is no pane of the set');
  assert.deepEqual(panes.all()[0].watches, ['split1']);
  assert.equal(panes.stopWatch(panes.all()[0]), undefined, 'the pane keeps the stopped watch as its shell');
  assert.equal(panes.all()[0].base, 'split1');
});
