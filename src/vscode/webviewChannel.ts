// The enforced protocol with one webview: incoming messages are checked (bad ones
// logged and dropped), host messages wait for the webview's `ready`, and requests
// get exactly one reply with their id.
import type * as vscode from 'vscode';
import type { HostMessage, RequestMessage, RequestMethod, Requests, ViewState, WebviewMessage } from '../protocol';
import { checkWebviewMessage } from '../protocolSchemas';
import { reportError } from './commands';

type Notification = Exclude<WebviewMessage, RequestMessage | { type: 'ready' }>;
type NotificationHandlers = { [K in Notification['type']]?: (message: Extract<Notification, { type: K }>) => unknown };
type RequestHandlers = { [M in RequestMethod]: (params: Requests[M]['params']) => Promise<Requests[M]['result']> | Requests[M]['result'] };

const MAX_QUEUED = 500;

export interface ChannelHandlers {
  /** The webview (re)loaded: everything it shows must be sent again. */
  ready(view: ViewState | undefined): void;
  notifications: NotificationHandlers;
  requests: RequestHandlers;
}

export class WebviewChannel implements vscode.Disposable {
  private ready = false;
  private queue: HostMessage[] = [];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly handlers: ChannelHandlers,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  /** Sends now when the webview is ready, else when it says so. */
  post(message: HostMessage): void {
    if (!this.ready) {
      // A view that never says ready (stuck, or hidden for hours) must not hoard messages.
      if (this.queue.length >= MAX_QUEUED) this.queue.shift();
      this.queue.push(message);
      return;
    }
    this.webview.postMessage(message).then(undefined, (error: unknown) => this.log.warn(`reader: a "${message.type}" message was not delivered: ${String(error)}`));
  }

  /** The webview is loading again: hold messages until its next `ready`. */
  reset(): void {
    this.ready = false;
    this.queue = [];
  }

  get isReady(): boolean {
    return this.ready;
  }

  private receive(raw: unknown): void {
    const checked = checkWebviewMessage(raw);
    if (!checked.ok) {
      this.log.warn(`reader: dropped ${checked.error} from the webview`);
      return;
    }
    const message = checked.message;
    if (message.type === 'ready') {
      // Messages queued before a (re)load describe an older state: the ready handler sends the
      // current one. What the user asked the view to show (a command) still holds.
      const commands = this.queue.filter((m) => m.type === 'command');
      this.queue = [];
      this.ready = true;
      this.guard('ready', () => this.handlers.ready(message.view));
      for (const command of commands) this.post(command);
      return;
    }
    if (message.type === 'request') {
      void this.answer(message);
      return;
    }
    const handler = this.handlers.notifications[message.type] as ((m: Notification) => unknown) | undefined;
    if (!handler) {
      this.log.warn(`reader: no handler for "${message.type}" messages`);
      return;
    }
    this.guard(message.type, () => handler(message));
  }

  private async answer(message: RequestMessage): Promise<void> {
    const handler = this.handlers.requests[message.method] as (params: unknown) => unknown;
    try {
      const value = await handler(message.params);
      this.post({ type: 'reply', id: message.id, ok: true, value });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log.error(`reader: ${message.method} failed: ${text}`);
      this.post({ type: 'reply', id: message.id, ok: false, error: text });
    }
  }

  /** Runs a handler; a failure is logged and reported once, never thrown into VS Code. */
  private guard(what: string, run: () => unknown): void {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => this.fail(what, error));
    } catch (error) {
      this.fail(what, error);
    }
  }

  private fail(what: string, error: unknown): void {
    reportError(this.log, `reader: "${what}"`, error instanceof Error ? error.message : String(error));
  }

  dispose(): void {
    this.subscription.dispose();
    this.queue = [];
  }
}
