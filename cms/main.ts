/**
 * The editors' CMS, bundled from npm by Vite and started by /admin/.
 * Everything Decap needs is registered here: the zh_Hans UI, the content
 * formats, the pinyin slug widget, the MDX body components, the article
 * preview with the site's own styles, and the save-time schema check.
 */
import CMS from 'decap-cms-app';
import { zh_Hans } from 'decap-cms-locales';
import { t } from '../src/i18n/t.ts';
import { MDX_COMPONENTS } from './components.ts';
import {
  buildCmsConfig,
  FORMAT,
  SCHEMA_FIELDS,
  SLUG_FIELD,
  SLUG_WIDGET,
  type CmsEnvironment,
} from './config.ts';
import { mdxFrontmatter, yamlData } from './format.ts';
import { ArticlePreview } from './react/ArticlePreview.ts';
import { ImeSafeStringControl, ImeSafeTextControl } from './react/ImeSafeControl.ts';
import { SlugControl } from './react/SlugControl.ts';
import { slugFromTitle } from './slug.ts';
import { validateEntry } from './validate.ts';
import previewCss from './preview.css?raw';

// The site's own stylesheets, as text for the preview frame (Decap injects them there).
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

function registerAll(): void {
  CMS.registerLocale('zh_Hans', zh_Hans);

  CMS.registerCustomFormat(FORMAT.mdx, 'mdx', mdxFrontmatter(SCHEMA_FIELDS.articles, [SLUG_FIELD]));
  for (const name of ['authors', 'columns', 'districts', 'settings'] as const) {
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
  for (const css of [...Object.values(siteStyles), previewCss]) {
    // Imports inside the raw text (global.css pulls in tokens.css) cannot resolve in the frame.
    CMS.registerPreviewStyle(css.replace(/@import[^;]+;/g, ''), { raw: true });
  }

  CMS.registerEventListener({
    name: 'preSave',
    handler: ({ entry }) => {
      const e = entry as unknown as EntryLike;
      const collection = String(e.get('collection'));
      let data = e.get('data') as DataLike;
      // A new entry whose slug the editor cleared still gets one from its title.
      if (e.get('newRecord') === true && !data.toJS()[SLUG_FIELD]) {
        const source = collection === 'articles' ? 'title' : 'name';
        const title = data.toJS()[source];
        data = data.set(SLUG_FIELD, slugFromTitle(typeof title === 'string' ? title : ''));
      }
      const problems = validateEntry(collection, data.toJS());
      if (problems.length > 0) {
        throw new Error(`${t('cms.error.invalid', { count: problems.length })}\n${problems.join('\n')}`);
      }
      return data;
    },
  });
}

/** Starts the CMS in the page's body with the configuration for `env`. */
export function startCms(env: CmsEnvironment): void {
  registerAll();
  CMS.init({ config: buildCmsConfig(env) });
}
