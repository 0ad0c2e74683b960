/** A Markdown file split into its YAML front matter (between `---` lines at the top) and body. */
export interface FrontMatterParts {
  /** The YAML text (lines joined by "\n"), or null when the file has no front matter. */
  yaml: string | null;
  body: string;
  /** 1-based line of the YAML's first line in the file (for diagnostics). */
  yamlLine: number;
  /** The file opens with `---` but no closing `---` follows. */
  unclosed?: boolean;
}

/** Splits a file's text; a BOM and CRLF line ends (Windows editors) read like any other file. */
export function splitFrontMatter(text: string): FrontMatterParts {
  const source = text.replace(/^\uFEFF/, '');
  const lines = source.split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return { yaml: null, body: lines.join('\n').trim(), yamlLine: 1 };
  const end = lines.findIndex((line, i) => i > 0 && (line.trim() === '---' || line.trim() === '...'));
  if (end < 0) return { yaml: null, body: lines.join('\n').trim(), yamlLine: 1, unclosed: true };
  return {
    yaml: lines.slice(1, end).join('\n'),
    body: lines
      .slice(end + 1)
      .join('\n')
      .trim(),
    yamlLine: 2,
  };
}
