// A minimal stand-in for the `vscode` module, enough for `activate(context)` to run in plain Node.
//
// Known parts (EventEmitter, Disposable, Uri, TreeItem, enums, configuration, ...) behave
// plausibly; anything else is an "anything" proxy: a callable whose properties and call
// results are again anything proxies, so the stand-in does not break as the extension grows.
'use strict';
const path = require('node:path');

const calls = { errors: [], log: [] };

function anything(name = 'vscode') {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // never a thenable
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* () {};
      if (key === 'toString' || key === 'toJSON') return () => '';
      if (key === 'dispose') return () => {};
      if (typeof key === 'symbol') return undefined;
      return anything(`${name}.${key}`);
    },
    apply() {
      return anything(`${name}()`);
    },
    construct() {
      return anything(`new ${name}`);
    },
    set() {
      return true;
    },
  });
}

class Disposable {
  constructor(fn) {
    this._fn = fn;
  }
  static from(...items) {
    return new Disposable(() => items.forEach((d) => d && d.dispose && d.dispose()));
  }
  dispose() {
    if (this._fn) this._fn();
    this._fn = undefined;
  }
}

class EventEmitter {
  constructor() {
    this._listeners = new Set();
    this.event = (listener, thisArg, disposables) => {
      const bound = thisArg ? listener.bind(thisArg) : listener;
      this._listeners.add(bound);
      const d = new Disposable(() => this._listeners.delete(bound));
      if (Array.isArray(disposables)) disposables.push(d);
      return d;
    };
  }
  fire(value) {
    for (const l of [...this._listeners]) l(value);
  }
  dispose() {
    this._listeners.clear();
  }
}

class Uri {
  constructor(scheme, authority, p, query, fragment) {
    this.scheme = scheme;
    this.authority = authority || '';
    this.path = p || '/';
    this.query = query || '';
    this.fragment = fragment || '';
  }
  get fsPath() {
    return this.path;
  }
  static file(p) {
    return new Uri('file', '', path.resolve(p));
  }
  static parse(value) {
    const m = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(value);
    return m ? new Uri(m[1], m[2], m[3], m[4], m[5]) : new Uri('file', '', value);
  }
  static from(c) {
    return new Uri(c.scheme, c.authority, c.path, c.query, c.fragment);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts), base.query, base.fragment);
  }
  with(change) {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment);
  }
  toString() {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? '?' + this.query : ''}${this.fragment ? '#' + this.fragment : ''}`;
  }
  toJSON() {
    return this.toString();
  }
}

class TreeItem {
  constructor(label, collapsibleState) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}
class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}
ThemeIcon.File = new ThemeIcon('file');
ThemeIcon.Folder = new ThemeIcon('folder');
class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}
class RelativePattern {
  constructor(base, pattern) {
    this.base = base;
    this.pattern = pattern;
  }
}
class SnippetString {
  constructor(value) {
    this.value = value ?? '';
  }
}
class Position {
  constructor(line, character) {
    this.line = line;
    this.character = character;
  }
}
class Range {
  constructor(a, b, c, d) {
    this.start = typeof a === 'number' ? new Position(a, b) : a;
    this.end = typeof a === 'number' ? new Position(c, d) : b;
  }
}

const event = () => () => new Disposable(() => {});
const configuration = () => ({
  get: (_key, fallback) => fallback,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
});
const record = (kind) => (...args) => {
  calls[kind].push(args.map(String).join(' '));
  return Promise.resolve(undefined);
};
const outputChannel = (name) => {
  const write = (text) => calls.log.push(String(text));
  return new Proxy(
    { name, append: write, appendLine: write, info: write, warn: write, error: (t) => (calls.errors.push(String(t)), write(t)), debug: write, trace: write, replace: write, clear() {}, show() {}, hide() {}, dispose() {}, logLevel: 2, onDidChangeLogLevel: event() },
    { get: (t, k) => (k in t ? t[k] : anything(`outputChannel.${String(k)}`)) },
  );
};

const known = {
  Disposable,
  EventEmitter,
  Uri,
  TreeItem,
  ThemeIcon,
  ThemeColor,
  RelativePattern,
  SnippetString,
  Position,
  Range,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  ViewColumn: { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  ExtensionMode: { Production: 1, Development: 2, Test: 3 },
  version: '1.100.0',
  env: new Proxy({ language: 'en', appName: 'bench', uriScheme: 'vscode', machineId: 'bench', sessionId: 'bench', remoteName: undefined, uiKind: 1 }, { get: (t, k) => (k in t ? t[k] : anything(`env.${String(k)}`)) }),
  l10n: new Proxy({ t: (message) => (typeof message === 'string' ? message : message.message) }, { get: (t, k) => (k in t ? t[k] : anything(`l10n.${String(k)}`)) }),
  window: new Proxy(
    {
      createOutputChannel: outputChannel,
      showErrorMessage: record('errors'),
      activeTextEditor: undefined,
      activeTerminal: undefined,
      terminals: [],
      visibleTextEditors: [],
    },
    { get: (t, k) => (k in t ? t[k] : typeof k === 'string' && k.startsWith('onDid') ? event() : anything(`window.${String(k)}`)) },
  ),
  workspace: new Proxy(
    { getConfiguration: configuration, isTrusted: true, workspaceFolders: undefined, name: undefined },
    { get: (t, k) => (k in t ? t[k] : typeof k === 'string' && k.startsWith('onDid') ? event() : anything(`workspace.${String(k)}`)) },
  ),
  commands: new Proxy(
    { registerCommand: () => new Disposable(() => {}), executeCommand: async () => undefined, getCommands: async () => [] },
    { get: (t, k) => (k in t ? t[k] : anything(`commands.${String(k)}`)) },
  ),
};

const vscode = new Proxy(known, {
  get: (t, k) => (k in t ? t[k] : typeof k === 'symbol' || k === '__esModule' || k === 'default' ? undefined : anything(String(k))),
});

/** An ExtensionContext whose storage is empty and in memory. */
function makeContext(extensionPath) {
  const memento = () => {
    const data = new Map();
    return { get: (k, d) => (data.has(k) ? data.get(k) : d), update: async (k, v) => void data.set(k, v), keys: () => [...data.keys()], setKeysForSync() {} };
  };
  const base = {
    subscriptions: [],
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    globalState: memento(),
    workspaceState: memento(),
    storageUri: undefined,
    globalStorageUri: Uri.file(path.join(require('node:os').tmpdir(), 'bench-vscode-global')),
    logUri: Uri.file(path.join(require('node:os').tmpdir(), 'bench-vscode-log')),
    extensionMode: 1,
    asAbsolutePath: (p) => path.join(extensionPath, p),
  };
  return new Proxy(base, { get: (t, k) => (k in t ? t[k] : anything(`context.${String(k)}`)) });
}

/** Makes `require('vscode')` return the stand-in. */
function install() {
  const Module = require('node:module');
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    return load.call(this, request, parent, isMain);
  };
}

module.exports = { vscode, makeContext, install, calls };
