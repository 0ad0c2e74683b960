/** Longest line passed on as one log line: an agent printing a megabyte on one line stays readable. */
const MAX_LINE = 4000;

/** Cuts a stream of text chunks into lines (`\n` or `\r\n`); `flush` gives the unterminated rest. */
export class LineSplitter {
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.emit(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
    while (this.rest.length > MAX_LINE) {
      this.onLine(this.rest.slice(0, MAX_LINE));
      this.rest = this.rest.slice(MAX_LINE);
    }
  }

  flush(): void {
    if (this.rest) this.emit(this.rest);
    this.rest = '';
  }

  private emit(line: string): void {
    const clean = line.endsWith('\r') ? line.slice(0, -1) : line;
    this.onLine(clean.length > MAX_LINE ? `${clean.slice(0, MAX_LINE)}…` : clean);
  }
}
