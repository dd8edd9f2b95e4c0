// Turns the bytes of a course file into text, refusing what is not text.

/** Files above this size are not read: no real chapter comes near it. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

export type DecodeResult =
  | { ok: true; text: string; warning?: { line: number; message: string } }
  | { ok: false; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

export function decodeCourseFile(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      message: `file is too large (${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`,
    };
  }
  const probe = bytes.subarray(0, 8192);
  if (probe.includes(0)) return { ok: false, message: 'file is binary, not text (it contains NUL bytes)' };
  let text: string;
  let warning: { line: number; message: string } | undefined;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = lenient.decode(bytes);
    const bad = text.indexOf('\uFFFD');
    const line = bad === -1 ? 0 : text.slice(0, bad).split('\n').length;
    warning = { line, message: 'file is not valid UTF-8; invalid bytes are shown as \uFFFD' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  return { ok: true, text, warning };
}
