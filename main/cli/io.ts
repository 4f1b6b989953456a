export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Registers a handler for Ctrl+C; returns a function that removes it. */
  onInterrupt?: (handler: () => void) => () => void;
}
