// The body of a Kubernetes watch: one JSON event per line, possibly split across chunks (and a
// multi-byte character across two of them).
import { StringDecoder } from 'node:string_decoder';

export interface WatchEvent {
  type?: string;
  object?: { metadata?: { resourceVersion?: string }; code?: number; message?: string };
}

/** Each event of the stream in order; a line that is no JSON throws (as a broken stream does). */
export async function* watchEvents(chunks: AsyncIterable<Buffer>): AsyncGenerator<WatchEvent> {
  const decoder = new StringDecoder('utf8');
  let buffer = '';
  for await (const chunk of chunks) {
    buffer += decoder.write(chunk);
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as WatchEvent;
    }
  }
}
