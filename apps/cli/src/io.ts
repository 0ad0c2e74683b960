/** Where the CLI writes: one place, so that output is consistent and easy to follow. */
export const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
};
