#!/usr/bin/env node
import { main } from '../dist/main.js';

// `baton validate … | head`: a reader that stops early is no error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await main(process.argv.slice(2));
// Done: a library's timer left behind (BullMQ retrying a Redis that is gone) must not keep a
// stopped server or worker around. Output is written by now (stdout is synchronous on pipes
// and files), and a process that ends sooner on its own is not held.
setTimeout(() => process.exit(), 1000).unref();
