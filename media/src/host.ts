// The webview's side of the protocol: messages to the extension, requests that wait
// for their reply, and every host message checked before it is handled.
import type { HostMessage, RequestMethod, Requests, ViewState, WebviewMessage } from '../../src/protocol';
import { checkHostMessage } from '../../src/protocolSchemas';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

let nextId = 1;
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

/** Sends a request; resolves with the extension's reply, rejects with its error. */
export function request<M extends RequestMethod>(method: M, params: Requests[M]['params']): Promise<Requests[M]['result']> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve, reject });
    post({ type: 'request', id, method, params } as WebviewMessage);
  });
}

/** The view's own choices saved by VS Code across reloads of the webview. */
export function savedView(): ViewState | undefined {
  const state = vscode.getState() as Partial<ViewState> | undefined;
  return typeof state?.courseId === 'string' && (state.mode === 'toc' || state.mode === 'slide') ? { courseId: state.courseId, mode: state.mode } : undefined;
}

export function saveView(view: ViewState): void {
  vscode.setState(view);
}

type Handlers = { [K in Exclude<HostMessage['type'], 'reply'>]: (message: Extract<HostMessage, { type: K }>) => void };

/** Routes host messages to `handlers`, replies to their requests; drops what does not check. */
export function listen(handlers: Handlers): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const checked = checkHostMessage(event.data);
    if (!checked.ok) {
      // The webview has no log of its own: the extension logs it.
      post({ type: 'dropped', error: checked.error });
      return;
    }
    const message = checked.message;
    if (message.type === 'reply') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.value);
      else waiting?.reject(new Error(message.error));
      return;
    }
    try {
      (handlers[message.type] as (m: HostMessage) => void)(message);
    } catch (error) {
      // Otherwise invisible: a view that throws while drawing would stay at "Loading the course…".
      post({ type: 'dropped', error: `a "${message.type}" message, which failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  });
}
