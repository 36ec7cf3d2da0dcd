/**
 * The CMS bundle is rebuilt exactly when one of its inputs changes: a reused
 * bundle built from old sources would give editors yesterday's CMS, and a
 * rebuild on every publish costs seconds for nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureCmsBundle } from '../../src/integrations/cms-bundle.ts';

const root = mkdtempSync(join(tmpdir(), 'cms-bundle-'));
const cacheDir = join(root, '.cache');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function write(file: string, text: string): void {
  writeFileSync(join(root, file), text);
}

function served(bundle: { dir: string; scripts: string[] }): string {
  const script = bundle.scripts[0] ?? '';
  return readFileSync(join(bundle.dir, script.replace('/_astro/cms/', '')), 'utf8');
}

describe('ensureCmsBundle', () => {
  write('package-lock.json', '{"lockfileVersion":3}');
  write('entry.ts', "import { greeting } from './greeting.ts';\ndocument.title = greeting;\n");
  write('greeting.ts', "export const greeting = '第一版';\n");
  const bundle = () => ensureCmsBundle({ root, cacheDir, entry: 'entry.ts' });

  it('builds once, then reuses the bundle while no input changed', async () => {
    const first = await bundle();
    expect(first.reused).toBe(false);
    expect(served(first)).toContain('第一版');
    const second = await bundle();
    expect(second.reused).toBe(true);
    expect(second.scripts).toEqual(first.scripts);
  });

  it('rebuilds when an imported project file changes, and drops the old bundle', async () => {
    const before = await bundle();
    write('greeting.ts', "export const greeting = '第二版';\n");
    const after = await bundle();
    expect(after.reused).toBe(false);
    expect(after.changed).toBe('greeting.ts changed');
    expect(after.scripts).not.toEqual(before.scripts);
    expect(served(after)).toContain('第二版');
    expect(existsSync(before.dir)).toBe(false);
  });

  it('rebuilds when the lock file changes (a package was upgraded)', async () => {
    await bundle();
    write('package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    const after = await bundle();
    expect(after.reused).toBe(false);
    expect(after.changed).toBe('package-lock.json changed');
  });

  it('notices an import added to an input', async () => {
    await bundle();
    write('extra.ts', "export const extra = '附加模块';\n");
    write('greeting.ts', "import { extra } from './extra.ts';\nexport const greeting = extra;\n");
    expect((await bundle()).reused).toBe(false);
    write('extra.ts', "export const extra = '附加模块改过';\n");
    const after = await bundle();
    expect(after.changed).toBe('extra.ts changed');
    expect(served(after)).toContain('附加模块改过');
  });
});
