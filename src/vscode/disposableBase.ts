// The one base for glue classes that own VS Code resources (listeners, emitters, watchers): it
// collects them and disposes them once, last owned first, so a listener goes before the emitter
// or the service it listens to. Only a type import of `vscode`: tested in plain Node.
import type * as vscode from 'vscode';

export class DisposableBase implements vscode.Disposable {
  readonly #owned: { dispose(): unknown }[] = [];
  #disposed = false;

  /** True once {@link dispose} ran: late events and callbacks should do nothing. */
  protected get isDisposed(): boolean {
    return this.#disposed;
  }

  /** Takes the resources in charge (disposed at once if this is already disposed); returns the first. */
  protected own<T extends { dispose(): unknown }>(resource: T, ...more: { dispose(): unknown }[]): T {
    for (const one of [resource, ...more]) {
      if (this.#disposed) one.dispose();
      else this.#owned.push(one);
    }
    return resource;
  }

  /** Runs `teardown` when this is disposed, in the same order as the owned resources. */
  protected onDispose(teardown: () => void): void {
    this.own({ dispose: teardown });
  }

  /**
   * Disposes every owned resource once, last owned first. One that throws does not keep the
   * others from being disposed; the first error is thrown at the end.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    let failure: Error | undefined;
    for (const resource of this.#owned.splice(0).reverse()) {
      try {
        resource.dispose();
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
    if (failure !== undefined) throw failure;
  }
}
