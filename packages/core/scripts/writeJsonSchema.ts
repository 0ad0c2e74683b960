/** Build step: writes packages/core/schema/baton.schema.json from the zod schema. */
import { writeFileSync } from 'node:fs';
import { fileJsonSchema } from '../src/model/fileJsonSchema.js';

const target = new URL('../schema/baton.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(fileJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
