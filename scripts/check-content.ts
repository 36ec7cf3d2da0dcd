/**
 * Checks the content folder without building: `node scripts/check-content.ts [contentDir]`.
 * Exits 1 and lists every problem when something is wrong.
 */
import { resolve } from 'node:path';
import { checkContent, formatProblems } from '../src/lib/content-check.ts';
import { readContentFiles } from '../src/lib/content-files.ts';

const dir = resolve(process.argv[2] ?? 'content');
const files = readContentFiles(dir);
const problems = checkContent(files);
if (problems.length > 0) {
  console.error(formatProblems(problems));
  process.exit(1);
}
console.log(`内容检查通过：${String(files.length)} 个文件`);
