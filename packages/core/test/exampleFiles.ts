import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** Every example file, relative name and text. */
export function exampleFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith('.baton.yaml')) {
        out.push({ name: `${prefix}${entry.name}`, text: readFileSync(join(dir, entry.name), 'utf8') });
      }
    }
  };
  walk(EXAMPLES_DIR, '');
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
