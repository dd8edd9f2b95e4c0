// An address a course writes (a slide link, an image, an `open` step) that holds white space or
// control characters, raw or percent-encoded, is refused: no real address needs them, and they
// are how text (a file's contents, a second command) rides in an address or hides in it.

/** White space, controls (C0, DEL, C1), format characters (bidi, zero-width), separators. */
const RAW = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** The same once decoded, except the plain space (`%20` is how addresses carry one). */
const DECODED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

function decodeRuns(url: string): string {
  return url.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Why `url` is refused, or undefined when it may be used. */
export function unsafeUrlReason(url: string): string | undefined {
  if (RAW.test(url) || DECODED.test(decodeRuns(url))) return 'the URL holds white space or control characters';
  return undefined;
}
