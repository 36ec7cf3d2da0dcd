import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const jar = require.resolve('vnu-jar/build/dist/vnu.jar');

/** One Nu Html Checker message. */
export interface VnuMessage {
  type: string;
  url: string;
  message: string;
  extract?: string;
}

/** Validates HTML files with the Nu Html Checker (vnu-jar, run on the local Java). */
export async function validateHtml(files: string[]): Promise<VnuMessage[]> {
  try {
    await run('java', ['-jar', jar, '--format', 'json', '--errors-only', ...files], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return [];
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    const parsed = JSON.parse(stderr) as { messages: VnuMessage[] };
    return parsed.messages.filter((m) => m.type === 'error');
  }
}
