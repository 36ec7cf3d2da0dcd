/**
 * The editors' CMS, bundled from npm by Vite and started by /admin/.
 * Everything Decap needs is registered here: the zh_Hans UI, the content
 * formats, the pinyin slug widget, the MDX body components, the article
 * preview with the site's own styles, and the save-time checks.
 */
import CMS from 'decap-cms-app';
import { zh_Hans } from 'decap-cms-locales';
import { t } from '../src/i18n/t.ts';
import { MDX_COMPONENTS } from './components.ts';
import {
  buildCmsConfig,
  CONTENT,
  FORMAT,
  LIST_NOTE,
  SCHEMA_FIELDS,
  SLUG_FIELD,
  SLUG_WIDGET,
  type CmsEnvironment,
} from './config.ts';
import { mdxFrontmatter, yamlData } from './format.ts';
import { collectionsIn } from '../src/schemas/collections.ts';
import { ArticlePreview, setPreviewTemplate } from './react/ArticlePreview.ts';
import { loadSiteTemplate } from './site-template.ts';
import { registerContentSearch } from './search/cms-search.ts';
import { registerStoryList } from './search/story-list.ts';
import { ImeSafeStringControl, ImeSafeTextControl } from './react/ImeSafeControl.ts';
import { SlugControl } from './react/SlugControl.ts';
import { regionAwareObjectControl } from './react/RegionControl.ts';
import { freshAssetControl } from './react/FreshAssetControl.ts';
import { slugFromTitle } from './slug.ts';
import { newsroomLocale } from './locale.ts';
import { cleanEntryText, duplicateSlugMessage, validateEntry, type ExistingEntry } from './validate.ts';
import previewCss from './preview.css?raw';

// The site's base stylesheets, as text: the preview's fallback when no published page can be read.
const siteStyles = import.meta.glob<string>(['../src/styles/tokens.css', '../src/styles/global.css'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The slice of Decap's Immutable entry used by the save hook. */
interface EntryLike {
  get: (key: string) => unknown;
  getIn: (path: string[]) => unknown;
  setIn: (path: string[], value: unknown) => EntryLike;
}

interface DataLike {
  toJS: () => Record<string, unknown>;
  set: (key: string, value: unknown) => DataLike;
}

/**
 * The part of Decap's backend implementation (the same methods on the local
 * proxy and on GitHub) the save hook reads existing entries with.
 */
interface BackendReader {
  getEntry: (path: string) => Promise<{ data?: unknown }>;
  unpublishedEntry: (args: {
    collection: string;
    slug: string;
  }) => Promise<{ diffs?: { path: string; id: string }[] }>;
  unpublishedEntryDataFile: (collection: string, slug: string, path: string, id: string) => Promise<string>;
}

function isBackendReader(value: unknown): value is BackendReader {
  return (
    typeof value === 'object' &&
    value !== null &&
    'getEntry' in value &&
    typeof value.getEntry === 'function' &&
    'unpublishedEntry' in value &&
    typeof value.unpublishedEntry === 'function' &&
    'unpublishedEntryDataFile' in value &&
    typeof value.unpublishedEntryDataFile === 'function'
  );
}

/** The backend Decap started, caught as Decap creates it (Decap has no public way to reach it). */
let backend: BackendReader | undefined;

function captureBackends(): void {
  for (const name of ['proxy', 'github']) {
    const registered = CMS.getBackend(name);
    if (!registered) continue;
    // Decap passes the configuration and its own options (the workflow's first status among them).
    const init: (...args: unknown[]) => unknown = registered.init;
    registered.init = (...args: unknown[]) => {
      const implementation = init(...args);
      if (isBackendReader(implementation)) backend = implementation;
      return implementation;
    };
  }
}

/** A refused save. Decap shows `String(error)` in its toast, so the text is said without "Error:". */
class SaveRefused extends Error {
  override toString(): string {
    return this.message;
  }
}

/** Where an entry with a given slug is stored, and the slug Decap's workflow gives its draft. */
const ENTRY_FILE: Record<string, (slug: string) => { path: string; workflowSlug: string }> = {
  ...Object.fromEntries(
    collectionsIn('mdx-folders').map((name) => [
      name,
      (slug: string) => ({ path: `${CONTENT[name]}/${slug}/index.mdx`, workflowSlug: `${slug}/index` }),
    ]),
  ),
  ...Object.fromEntries(
    collectionsIn('yaml').map((name) => [
      name,
      (slug: string) => ({ path: `${CONTENT[name]}/${slug}.yml`, workflowSlug: slug }),
    ]),
  ),
};

const readTitle = (collection: string, raw: string): string => {
  // Only reading: the fields a format writes with do not matter here.
  const data = (collection === 'articles' ? mdxFrontmatter([]) : yamlData([])).fromFile(raw);
  const title = data[collection === 'articles' ? 'title' : 'name'];
  return typeof title === 'string' ? title : '';
};

/**
 * The entry stored under `slug` in `collection`, on the site's branch or as a
 * workflow draft, or undefined when the slug is free. Decap itself looks in
 * the same two places before it falls back to `<slug>/index-1.mdx`.
 */
async function existingEntry(collection: string, slug: string): Promise<ExistingEntry | undefined> {
  const file = ENTRY_FILE[collection]?.(slug);
  if (!file || !backend) return undefined;
  const reader = backend;
  // Like Decap's own check: a missing file rejects on some backends and answers with no data on others.
  const published = await reader.getEntry(file.path).then(
    ({ data }) => (typeof data === 'string' && data !== '' ? data : undefined),
    () => undefined,
  );
  if (published !== undefined) return { title: readTitle(collection, published), draft: false };
  const draft = await reader.unpublishedEntry({ collection, slug: file.workflowSlug }).then(
    (entry) => entry,
    () => undefined,
  );
  const diff = draft?.diffs?.find((d) => d.path === file.path);
  if (!diff) return undefined;
  const raw = await reader
    .unpublishedEntryDataFile(collection, file.workflowSlug, diff.path, diff.id)
    .catch(() => '');
  return { title: readTitle(collection, raw) || slug, draft: true };
}

/** A passing note in the CMS's upper corner, such as what a save cleaned. */
function showNote(lines: readonly string[]): void {
  const note = document.createElement('div');
  note.setAttribute('role', 'status');
  Object.assign(note.style, {
    position: 'fixed',
    insetBlockStart: '4.5rem',
    insetInlineEnd: '1rem',
    zIndex: '10000',
    maxInlineSize: '28rem',
    padding: '0.75rem 1rem',
    borderRadius: '4px',
    background: '#fbf3e2',
    color: '#1c1c1c',
    boxShadow: '0 1px 6px rgb(0 0 0 / 25%)',
    font: '0.875rem/1.6 system-ui, sans-serif',
    whiteSpace: 'pre-line',
  });
  note.textContent = lines.join('\n');
  note.addEventListener('click', () => {
    note.remove();
  });
  document.body.append(note);
  setTimeout(() => {
    note.remove();
  }, 15_000);
}

function registerAll(): void {
  CMS.registerLocale('zh_Hans', newsroomLocale(zh_Hans));
  registerContentSearch();
  registerStoryList();
  captureBackends();

  // The list card's note is shown, never saved.
  CMS.registerCustomFormat(
    FORMAT.mdx,
    'mdx',
    mdxFrontmatter(SCHEMA_FIELDS.articles, [SLUG_FIELD, LIST_NOTE]),
  );
  for (const name of collectionsIn('yaml', 'yaml-file')) {
    const format = yamlData(SCHEMA_FIELDS[name]);
    CMS.registerCustomFormat(FORMAT.yamlFor(name), 'yml', {
      fromFile: format.fromFile,
      // The slug field only names a new file; it is never written into it.
      toFile: (data) =>
        format.toFile(Object.fromEntries(Object.entries(data).filter(([k]) => k !== SLUG_FIELD))),
    });
  }

  CMS.registerWidget(SLUG_WIDGET, SlugControl as never);
  // Same widget names, IME-safe controls, Decap's own previews.
  CMS.registerWidget('string', ImeSafeStringControl as never, CMS.getWidget('string')?.preview as never);
  CMS.registerWidget('text', ImeSafeTextControl as never, CMS.getWidget('text')?.preview as never);
  // Decap's image control, whose thumbnail appears when a saved story's photo has loaded.
  const imageWidget = CMS.getWidget('image');
  if (imageWidget)
    CMS.registerWidget(
      'image',
      freshAssetControl(imageWidget.control as never) as never,
      imageWidget.preview as never,
    );
  // Decap's object control, which also draws a 数字报 story's region on its page image.
  const objectWidget = CMS.getWidget('object');
  if (objectWidget)
    CMS.registerWidget(
      'object',
      regionAwareObjectControl(objectWidget.control as never) as never,
      objectWidget.preview as never,
    );

  for (const component of MDX_COMPONENTS) {
    CMS.registerEditorComponent({
      id: component.id,
      label: component.label,
      fields: component.fields,
      pattern: component.pattern,
      fromBlock: component.fromBlock,
      toBlock: component.toBlock,
      toPreview: ((data: Record<string, unknown>, getAsset?: (path: string, field?: unknown) => unknown) =>
        component.toPreviewHtml(data, (path) => (getAsset ? String(getAsset(path)) : path))) as never,
    });
  }

  CMS.registerPreviewTemplate('articles', ArticlePreview as never);

  CMS.registerEventListener({
    name: 'preSave',
    handler: async ({ entry }) => {
      const e = entry as unknown as EntryLike;
      const collection = String(e.get('collection'));
      const isNew = e.get('newRecord') === true;
      let data = e.get('data') as DataLike;
      // A new entry whose slug the editor cleared still gets one from its title.
      if (isNew && !data.toJS()[SLUG_FIELD]) {
        const source = collection === 'articles' ? 'title' : 'name';
        const title = data.toJS()[source];
        data = data.set(SLUG_FIELD, slugFromTitle(typeof title === 'string' ? title : ''));
      }
      const cleaned = cleanEntryText(collection, data.toJS());
      for (const [key, value] of Object.entries(cleaned.data)) {
        if (typeof value === 'string' && value !== data.toJS()[key]) data = data.set(key, value);
      }
      const problems = validateEntry(collection, cleaned.data);
      const slug = cleaned.data[SLUG_FIELD];
      if (problems.length === 0 && isNew && typeof slug === 'string' && slug !== '') {
        const existing = await existingEntry(collection, slug);
        if (existing) problems.push(duplicateSlugMessage(collection, slug, existing));
      }
      if (problems.length > 0) {
        throw new SaveRefused(
          `${t('cms.error.invalid', { count: problems.length })}\n${problems.join('\n')}`,
        );
      }
      if (cleaned.notes.length > 0) showNote([t('cms.cleaned'), ...cleaned.notes]);
      return data;
    },
  });
}

/**
 * Decap labels the logo image "Logo" in English on the login page and in the
 * header; the image is the paper's name and mark, so that is its alternative text.
 */
function nameTheLogo(name: string): void {
  const rename = (): void => {
    for (const img of document.querySelectorAll<HTMLImageElement>('img[alt="Logo"]')) img.alt = name;
  };
  rename();
  new MutationObserver(rename).observe(document.body, { childList: true, subtree: true });
}

/**
 * The preview frame's styles: a published story page's own stylesheets
 * (cms/site-template.ts), else the site's base styles; then the body
 * components' preview boxes.
 */
async function registerPreviewStyles(): Promise<void> {
  const template = await loadSiteTemplate(window.location.origin);
  setPreviewTemplate(template);
  if (template) {
    for (const href of template.stylesheets) CMS.registerPreviewStyle(href);
    for (const css of template.inlineStyles) CMS.registerPreviewStyle(css, { raw: true });
  } else {
    for (const css of Object.values(siteStyles)) {
      // Imports inside the raw text (global.css pulls in tokens.css) cannot resolve in the frame.
      CMS.registerPreviewStyle(css.replace(/@import[^;]+;/g, ''), { raw: true });
    }
  }
  CMS.registerPreviewStyle(previewCss, { raw: true });
}

/** Starts the CMS in the page's body with the configuration for `env`. */
export function startCms(env: CmsEnvironment): void {
  registerAll();
  if (env.brand) nameTheLogo(env.brand.name);
  // Before init: Decap reads the preview styles when it first draws the preview.
  void registerPreviewStyles().then(() => {
    CMS.init({ config: buildCmsConfig(env) });
  });
}
