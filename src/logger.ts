// The log the pure core writes to, with levels. The extension passes its LogOutputChannel;
// tests pass a recorder. Messages must never hold credentials.
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}
