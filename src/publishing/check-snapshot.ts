/**
 * Checks a content snapshot and plans its build, in a process of its own: at
 * 10,000 stories reading and checking every file takes seconds, and in the
 * publisher's process that would stall the port that hands readers'
 * connections to the live site.
 *
 *   node src/publishing/check-snapshot.ts <contentDir> <root> <now ISO>
 *
 * Prints one JSON line: `{ problems, plan }`.
 */
import { join } from 'node:path';
import { checkContentCached } from '../lib/check-cache.ts';
import { planToCheck, type SnapshotCheck } from './check-result.ts';
import { planBuild } from './plan.ts';

const [contentDir, root, now] = process.argv.slice(2);
if (contentDir === undefined || root === undefined || now === undefined) {
  throw new Error('usage: check-snapshot.ts <contentDir> <root> <now>');
}
// Stories unchanged since the last publish are not read again (src/lib/check-cache.ts).
const { files, problems } = checkContentCached(contentDir, root, join(root, 'check-cache.json'));
const result: SnapshotCheck =
  problems.length > 0 ? { problems } : { problems, plan: planToCheck(planBuild(files, new Date(now))) };
process.stdout.write(`${JSON.stringify(result)}\n`);
