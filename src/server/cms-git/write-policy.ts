import { buildCmsConfig, CONTENT, type CmsEnvironment } from '../../../cms/config.ts';
import { t } from '../../i18n/t.ts';
import type { GitStore } from './git-store.ts';

/**
 * The folders the CMS may write: the content tree its collections live in
 * (`content/`) and the media folders of the CMS config. Anything else in the
 * repository (package.json, src/, astro.config.mjs) is code or configuration
 * the next build would run, which an editor's account must never change.
 */
export function writableRoots(env: CmsEnvironment): string[] {
  const config = buildCmsConfig(env);
  const roots = new Set<string>();
  for (const folder of Object.values(CONTENT)) roots.add(folder.split('/')[0] ?? folder);
  const media = [config.media_folder, ...config.collections.map((c) => c.media_folder)];
  for (const folder of media) {
    // A collection's "" (or a relative folder) is beside its entries, inside the content tree already.
    if (folder && !folder.startsWith('.')) roots.add(folder.replace(/^\/+|\/+$/g, ''));
  }
  return [...roots].filter((root) => root !== '').sort();
}

/**
 * What an editor may upload: photos and the print pages' PDFs. Never HTML, SVG
 * or scripts: a file in a media folder is served from the site's own origin
 * (public/uploads is copied as it is), where the inbox and the CMS live too.
 */
export const MEDIA_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'webp', 'avif', 'gif', 'pdf'];

/** The file types of the CMS's entries (MDX stories, YAML data), from the CMS config. */
export function dataExtensions(env: CmsEnvironment): string[] {
  const config = buildCmsConfig(env);
  const found = new Set<string>();
  for (const collection of config.collections) {
    if (collection.extension) found.add(collection.extension);
    for (const file of collection.files ?? []) found.add(file.file.split('.').at(-1) ?? '');
  }
  return [...found].filter((e) => e !== '').sort();
}

/** Why a file of this name may not be saved as `kind`, or undefined when its type fits. */
export function typeProblem(path: string, allowed: readonly string[]): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  if (extension !== undefined && allowed.includes(extension)) return undefined;
  return t('cmsGit.path.type', { path, types: allowed.map((e) => `.${e}`).join(' ') });
}

const listRoots = (roots: readonly string[]) => roots.map((r) => `${r}/`).join('、');

/**
 * Why `path` may not be written, in Chinese, or undefined when it may: a
 * plain relative path (no `..`, `.`, dot-files such as .git or .gitattributes,
 * backslashes or control characters) under one of `roots`; a `folder` to
 * list may also be a root itself.
 */
export function pathProblem(path: string, roots: readonly string[], folder = false): string | undefined {
  if (path === '') return t('cmsGit.path.empty');
  if (/[\p{Cc}\\]/u.test(path)) return t('cmsGit.path.characters', { path: printable(path) });
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    return t('cmsGit.path.absolute', { path, roots: listRoots(roots) });
  }
  const segments = path.split('/');
  if (segments.some((s) => s === '' || s.startsWith('.'))) return t('cmsGit.path.segments', { path });
  if (!roots.some((root) => path.startsWith(`${root}/`) || (folder && path === root))) {
    return t('cmsGit.path.outside', { path, roots: listRoots(roots) });
  }
  return undefined;
}

function printable(path: string): string {
  return path.replace(/\p{Cc}/gu, '�');
}

/**
 * Why writing `paths` on top of `rev` would go through a symbolic link or a
 * submodule already in the repository (content/x → ../src would let
 * content/x/y land in src/ once checked out), or replace a folder with a
 * file; undefined when every path is a plain file or new.
 */
export async function treeProblem(
  store: GitStore,
  rev: string | undefined,
  paths: readonly string[],
): Promise<string | undefined> {
  if (rev === undefined || paths.length === 0) return undefined;
  const prefixes = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) prefixes.add(segments.slice(0, i).join('/'));
  }
  const entries = new Map((await store.entries(rev, [...prefixes])).map((e) => [e.path, e]));
  for (const path of paths) {
    const segments = path.split('/');
    for (let i = 1; i <= segments.length; i++) {
      const here = segments.slice(0, i).join('/');
      const entry = entries.get(here);
      if (!entry) continue;
      const last = i === segments.length;
      if (entry.mode === '120000' || entry.mode === '160000') {
        return t('cmsGit.path.symlink', { path, link: here });
      }
      if (last && entry.type === 'tree') return t('cmsGit.path.notFile', { path });
      if (!last && entry.type !== 'tree') return t('cmsGit.path.underFile', { path, link: here });
    }
  }
  return undefined;
}
