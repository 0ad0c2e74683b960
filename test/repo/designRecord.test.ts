import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The design record lives in the repository (issue 12): code cites `docs/design.md §N`, every
 * such N must be a section heading of that file, and nothing may cite a design record outside
 * the repository.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RECORD = 'docs/design.md';

/** A section number as the record writes them: `3`, `3.4`, `4b`. */
const SECTION = String.raw`\d+[a-z]?(?:\.\d+)*`;
/** `docs/design.md §2.3`, with the `, §4` that may follow it in the same citation. */
const CITATION = new RegExp(String.raw`docs/design\.md((?:,?\s*§${SECTION})+)`, 'g');
const SECTION_REF = new RegExp(`§(${SECTION})`, 'g');
const HEADING = new RegExp(String.raw`^#{1,6}\s+(${SECTION})\.?\s`);
/**
 * How a citation of the first design, kept outside the repository, was written. Spelt in parts
 * so that this file is not one.
 */
const OUTSIDE = [['DESIGN', '§'].join(' '), ['shared', 'DESIGN.md'].join('/')];

/** The sections the first design had: citations written against it must keep their meaning. */
const FIRST_DESIGN_SECTIONS = [
  '1',
  '2',
  '2.1',
  '2.2',
  '2.3',
  '3',
  '3.1',
  '3.2',
  '3.3',
  '3.4',
  '4',
  '4b',
  '5',
  '6',
];

interface SourceFile {
  path: string;
  text: string;
}

/** The numbered headings of a Markdown text (outside code fences). */
function sectionsOf(markdown: string): Set<string> {
  const sections = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const id = inFence ? undefined : HEADING.exec(line)?.[1];
    if (id !== undefined) sections.add(id);
  }
  return sections;
}

/** Every section a text cites, with its line (1-based). */
function citationsIn(text: string): { line: number; section: string }[] {
  const out: { line: number; section: string }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const citation of line.matchAll(CITATION)) {
      for (const ref of (citation[1] ?? '').matchAll(SECTION_REF)) {
        out.push({ line: i + 1, section: ref[1] as string });
      }
    }
  });
  return out;
}

/** `file:line: …` for every citation of a section the record lacks. */
function missingSections(files: readonly SourceFile[], sections: ReadonlySet<string>): string[] {
  return files.flatMap((file) =>
    citationsIn(file.text)
      .filter((c) => !sections.has(c.section))
      .map((c) => `${file.path}:${c.line}: §${c.section} is no section of ${RECORD}`),
  );
}

/** `file:line: …` for every line that cites a design record outside the repository. */
function outsideCitations(files: readonly SourceFile[]): string[] {
  return files.flatMap((file) =>
    file.text.split('\n').flatMap((line, i) => {
      const found = OUTSIDE.find((s) => line.includes(s));
      return found ? [`${file.path}:${i + 1}: cites '${found}', outside the repository: cite ${RECORD}`] : [];
    }),
  );
}

/** The tracked text files, as they are in the working tree (one being deleted right now is skipped). */
function trackedTextFiles(): SourceFile[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean);
  const files: SourceFile[] = [];
  for (const path of paths) {
    const full = join(ROOT, path);
    if (!statSync(full, { throwIfNoEntry: false })?.isFile()) continue;
    const bytes = readFileSync(full);
    if (bytes.subarray(0, 8000).includes(0)) continue; // binary (a screenshot)
    files.push({ path, text: bytes.toString('utf8') });
  }
  return files;
}

describe('the design record (docs/design.md)', () => {
  const record = readFileSync(join(ROOT, RECORD), 'utf8');
  const sections = sectionsOf(record);
  const files = trackedTextFiles();

  it("keeps the first design's section numbers, and its decisions", () => {
    expect(FIRST_DESIGN_SECTIONS.filter((s) => !sections.has(s))).toEqual([]);
    expect(sections.has('7')).toBe(true);
  });

  it('has every section the tracked files cite', () => {
    expect(files.some((f) => citationsIn(f.text).length > 0)).toBe(true);
    expect(missingSections(files, sections)).toEqual([]);
  });

  it('is the only design record cited: none outside the repository', () => {
    expect(outsideCitations(files)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  // Citations built here, so that this file's own text cites nothing the record lacks.
  const cite = (section: string) => `${RECORD} §${section}`;

  it('read headings, not fenced code', () => {
    const sections = sectionsOf(
      '# Title\n## 1. One\n### 2.1 Two\n## 4b. Four\n```\n## 9 not a heading\n```\n',
    );
    expect([...sections]).toEqual(['1', '2.1', '4b']);
  });

  it('find each section cited, lists too, without a sentence-ending dot', () => {
    const text = `/** Exit codes of ${cite('4b')}. */\nx (${cite('2.3')}, §4) y\nno citation: §3.4`;
    expect(citationsIn(text)).toEqual([
      { line: 1, section: '4b' },
      { line: 2, section: '2.3' },
      { line: 2, section: '4' },
    ]);
  });

  it('fail on a section the record lacks, naming file and line', () => {
    const file = { path: 'src/x.ts', text: `// fine: ${cite('3.4')}\n// bad: ${cite('3.9')}, §2.3\n` };
    expect(missingSections([file], new Set(['2.3', '3.4']))).toEqual([
      `src/x.ts:2: §3.9 is no section of ${RECORD}`,
    ]);
  });

  it('fail on a citation outside the repository', () => {
    const file = { path: 'src/y.ts', text: `// ok\n/** see ${OUTSIDE[0]}3.4 */\n// and ../${OUTSIDE[1]}\n` };
    expect(outsideCitations([file])).toEqual([
      `src/y.ts:2: cites '${OUTSIDE[0]}', outside the repository: cite ${RECORD}`,
      `src/y.ts:3: cites '${OUTSIDE[1]}', outside the repository: cite ${RECORD}`,
    ]);
  });
});
