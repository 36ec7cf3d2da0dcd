import type { AstroIntegration } from 'astro';
import { createHash, randomUUID } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';

/** Where the bundle is served from: under /_astro/, so it gets the long cache lifetime of hashed assets. */
export const CMS_BASE = '/_astro/cms/';

/** The script /admin/ loads, relative to the project root. */
export const CMS_ENTRY = 'cms/admin.ts';

/** Bumped when the way the bundle is built changes, so no cache made by the old way is reused. */
const RECIPE = 1;

const ID = 'virtual:cms-bundle';
const RESOLVED = `\0${ID}`;

/** What /admin/ needs to load the CMS: module scripts and stylesheets, as URLs. */
export interface CmsAssets {
  scripts: string[];
  styles: string[];
}

/** The record of one bundle in the cache: what it was built from and what it is. */
interface Manifest extends CmsAssets {
  recipe: number;
  /** sha256 of package-lock.json: every package the bundle took from node_modules. */
  lock: string;
  /** Project files the bundle was built from (relative to the root) and the sha256 of each. */
  inputs: Record<string, string>;
  /** The folder under the cache holding the built files. */
  folder: string;
}

/** The outcome of {@link ensureCmsBundle}. */
export interface CmsBundle extends CmsAssets {
  /** Folder whose files are served under {@link CMS_BASE}. */
  dir: string;
  reused: boolean;
  /** When not reused, why: the first input that changed since the cached bundle, or that there was none. */
  changed?: string | undefined;
  milliseconds: number;
}

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

async function hashFile(path: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path));
  } catch {
    return undefined;
  }
}

async function readManifest(cacheDir: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(cacheDir, 'manifest.json'), 'utf8')) as Manifest;
    return manifest.recipe === RECIPE ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Why the cached bundle cannot be reused (the first changed input), or undefined when it can. */
async function staleReason(
  root: string,
  cacheDir: string,
  manifest: Manifest | undefined,
  lock: string,
): Promise<string | undefined> {
  if (!manifest) return 'no bundle in the cache yet';
  if (manifest.lock !== lock) return 'package-lock.json changed';
  try {
    await readdir(join(cacheDir, manifest.folder));
  } catch {
    return 'the cached bundle folder is missing';
  }
  for (const [file, digest] of Object.entries(manifest.inputs)) {
    if ((await hashFile(resolve(root, file))) !== digest) return `${file} changed`;
  }
  return undefined;
}

/** The project's own source files among the modules a build read: node_modules is covered by the lock file. */
function projectInputs(root: string, output: Rolldown.RolldownOutput): string[] {
  const files = new Set<string>();
  for (const item of output.output) {
    if (item.type !== 'chunk') continue;
    for (const id of item.moduleIds) {
      const file = id.split('?')[0] ?? '';
      if (file.startsWith('\0') || !isAbsolute(file) || file.includes('/node_modules/')) continue;
      const path = relative(root, file);
      if (!path.startsWith('..')) files.add(path);
    }
  }
  return [...files].sort();
}

/**
 * Makes sure the cache holds a bundle of /admin/'s script built from the
 * sources as they are now, and returns it. Decap CMS with React and its
 * editors is about 2,600 modules: bundling it took about half of a
 * publish at the sample's size, and a publish changes content, never the
 * CMS. The bundle is reused while package-lock.json and every project
 * file it was built from keep their bytes; the file list comes from the
 * bundler itself, so a new import is noticed the next time any input
 * changes (the import has to be written in an input).
 */
export async function ensureCmsBundle(options: {
  root: string;
  cacheDir: string;
  entry?: string;
  base?: string;
}): Promise<CmsBundle> {
  const started = performance.now();
  const { root, cacheDir } = options;
  const entry = options.entry ?? CMS_ENTRY;
  const base = options.base ?? CMS_BASE;
  const lock = (await hashFile(join(root, 'package-lock.json'))) ?? '';
  const cached = await readManifest(cacheDir);
  const changed = await staleReason(root, cacheDir, cached, lock);
  if (cached && changed === undefined) {
    const { scripts, styles } = cached;
    const dir = join(cacheDir, cached.folder);
    return { dir, scripts, styles, reused: true, milliseconds: performance.now() - started };
  }

  // Built beside the cache and renamed into place, so a build killed halfway or a second build running at
  // the same time never leaves a half-written bundle where the manifest points.
  const temporary = join(cacheDir, `tmp-${randomUUID()}`);
  await mkdir(cacheDir, { recursive: true });
  try {
    const result = await build({
      configFile: false,
      root,
      base,
      logLevel: 'warn',
      mode: 'production',
      build: {
        outDir: temporary,
        assetsDir: '',
        emptyOutDir: true,
        manifest: 'manifest.json',
        rolldownOptions: { input: resolve(root, entry) },
      },
    });
    const output = (Array.isArray(result) ? result[0] : result) as Rolldown.RolldownOutput;
    const files = projectInputs(root, output);
    const inputs: Record<string, string> = {};
    for (const file of files) inputs[file] = (await hashFile(resolve(root, file))) ?? '';
    const key = sha256(JSON.stringify([RECIPE, lock, inputs])).slice(0, 16);
    const chunk = output.output.find((item) => item.type === 'chunk' && item.isEntry);
    if (chunk?.type !== 'chunk') throw new Error(`${entry} produced no entry chunk`);
    const css = [...(chunk.viteMetadata?.importedCss ?? [])];
    const folder = `bundle-${key}`;
    await rm(join(temporary, 'manifest.json'), { force: true });
    await rm(join(cacheDir, folder), { recursive: true, force: true });
    await rename(temporary, join(cacheDir, folder));
    const manifest: Manifest = {
      recipe: RECIPE,
      lock,
      inputs,
      folder,
      scripts: [`${base}${chunk.fileName}`],
      styles: css.map((file) => `${base}${file}`),
    };
    const manifestTemporary = join(cacheDir, `manifest-${randomUUID()}.json`);
    await writeFile(manifestTemporary, JSON.stringify(manifest, null, 1));
    await rename(manifestTemporary, join(cacheDir, 'manifest.json'));
    await dropOtherBundles(cacheDir, folder);
    const { scripts, styles } = manifest;
    const dir = join(cacheDir, folder);
    return { dir, scripts, styles, reused: false, changed, milliseconds: performance.now() - started };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}

async function dropOtherBundles(cacheDir: string, keep: string): Promise<void> {
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith('bundle-') && name !== keep)
      await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

/**
 * Astro integration: builds (or reuses) the CMS bundle before the site is
 * built, gives /admin/ its URLs through `virtual:cms-bundle`, and copies the
 * files into the output. In dev the page loads the entry's source and Vite
 * serves it as it serves every other module.
 */
export function cmsBundleIntegration(): AstroIntegration {
  let bundle: CmsBundle | undefined;
  return {
    name: 'cms-bundle',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig, logger }) => {
        const root = fileURLToPath(config.root);
        let assets: CmsAssets = { scripts: [`/${CMS_ENTRY}`], styles: [] };
        if (command === 'build') {
          bundle = await ensureCmsBundle({
            root,
            cacheDir: join(fileURLToPath(config.cacheDir), 'cms-bundle'),
          });
          assets = { scripts: bundle.scripts, styles: bundle.styles };
          const seconds = (bundle.milliseconds / 1000).toFixed(1);
          logger.info(
            bundle.reused
              ? `CMS bundle reused (${seconds} s)`
              : `CMS bundled: ${bundle.changed ?? ''} (${seconds} s)`,
          );
        }
        const source = `export default ${JSON.stringify(assets)};`;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'cms-bundle',
                resolveId: (id) => (id === ID ? RESOLVED : undefined),
                load: (id) => (id === RESOLVED ? source : undefined),
              },
            ],
          },
        });
      },
      'astro:build:done': async ({ dir }) => {
        if (!bundle) return;
        await cp(bundle.dir, join(fileURLToPath(dir), CMS_BASE), { recursive: true });
      },
    },
  };
}
