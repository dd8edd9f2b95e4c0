// Keyboard shortcuts of the reader: which key does what. The mapping is pure; `bindKeys`
// attaches it to the document.

export type KeyIntent = 'next' | 'previous' | 'toc' | 'search';

export interface KeyPress {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** The key went to a text field, which keeps it. */
  inTextField: boolean;
}

const KEYS: Record<string, KeyIntent> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ArrowLeft: 'previous',
  PageUp: 'previous',
  t: 'toc',
  '/': 'search',
};

export function intentOf(press: KeyPress): KeyIntent | undefined {
  if (press.inTextField || press.altKey || press.ctrlKey || press.metaKey) return undefined;
  return Object.hasOwn(KEYS, press.key) ? KEYS[press.key] : undefined;
}

export function bindKeys(handle: (intent: KeyIntent) => void): void {
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const inTextField = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    const intent = intentOf({ key: e.key, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, inTextField });
    if (!intent) return;
    e.preventDefault();
    handle(intent);
  });
}
