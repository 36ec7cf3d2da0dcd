import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Creates an inbox account with the real CLI and returns its one-time password. */
export async function addEditor(dataDir: string, name: string): Promise<string> {
  const { stdout } = await run(process.execPath, [resolve('scripts/inbox.ts'), 'add-user', name], {
    env: { ...process.env, DATA_DIR: dataDir },
  });
  const match = /\n\s+(\S{20})\s*\n/.exec(stdout);
  if (!match?.[1]) throw new Error(`no password in: ${stdout}`);
  return match[1];
}

/** A valid tip as multipart form data. */
export function tipForm(body = '开发区某小区门口的路灯坏了一个多月，晚上很黑。'): FormData {
  const form = new FormData();
  form.append('category', 'clue');
  form.append('district', 'kai-fa-qu');
  form.append('body', body);
  form.append('consent', 'yes');
  return form;
}
