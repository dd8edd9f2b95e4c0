import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchEvents, type WatchEvent } from '../../src/cluster/watchEvents';

/** The body as the transport gives it: chunks that arrive one after the other. */
async function* chunksOf(...parts: Buffer[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield await Promise.resolve(part);
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<WatchEvent[]> {
  const events: WatchEvent[] = [];
  for await (const event of watchEvents(chunks)) events.push(event);
  return events;
}

test('watchEvents: events split across chunks, a character split across two, blank lines skipped', async () => {
  const text = Buffer.from('{"type":"ADDED","object":{"message":"é"}}\n\n{"type":"BOOKMARK"}\n');
  const cut = text.indexOf(Buffer.from('é')) + 1; // inside the two bytes of é
  const events = await collect(chunksOf(text.subarray(0, 5), text.subarray(5, cut), text.subarray(cut)));
  assert.deepEqual(events, [{ type: 'ADDED', object: { message: 'é' } }, { type: 'BOOKMARK' }]);
});

test('watchEvents: a line not yet ended is no event; a line that is no JSON throws', async () => {
  assert.deepEqual(await collect(chunksOf(Buffer.from('{"type":"ADDED"}\n{"type":'))), [{ type: 'ADDED' }]);
  await assert.rejects(collect(chunksOf(Buffer.from('{"type":"ADDED"}\nnot json\n'))), SyntaxError);
});
