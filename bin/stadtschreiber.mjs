#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the command is always the source's.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli.ts');
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
});
process.exitCode = code;
