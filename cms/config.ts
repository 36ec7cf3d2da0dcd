/**
 * The Decap CMS configuration, generated from the zod content schemas so the
 * editors' forms can never drift from what the build accepts. There is no
 * hand-written config.yml: /admin calls {@link buildCmsConfig} at start-up.
 */
import type { CmsCollection, CmsConfig, CmsField } from 'decap-cms-core';
import { t } from '../src/i18n/t.ts';
import type { MessageKey } from '../src/i18n/zh-CN.ts';
import { describeObject, type FieldInfo } from '../src/schemas/fields.ts';
import { editionsCollection } from './editions.ts';
import {
  buildSchemas,
  COLLECTION_NAMES,
  COLLECTIONS,
  collectionsIn,
  plainHelpers,
  SLUG_PATTERN,
  type CollectionName,
} from '../src/schemas/index.ts';

/** Where the CMS keeps its content; the same folders the site's loaders read. */
export const CONTENT = Object.fromEntries(
  COLLECTION_NAMES.map((name) => {
    const spec = COLLECTIONS[name];
    const file = 'file' in spec ? `/${spec.file}.yml` : '';
    return [name, `content/${spec.folder}${file}`];
  }),
) as Record<CollectionName, string>;

/** Names of the custom formats registered in main.ts. */
export const FORMAT = {
  mdx: 'newsroom-mdx',
  /** One YAML format per collection, because each orders its keys by its own schema. */
  yamlFor: (collection: Exclude<CollectionKey, 'articles'>) => `newsroom-yaml-${collection}`,
} as const;

/** The form-only widget that suggests an ASCII slug from the title's pinyin. */
export const SLUG_WIDGET = 'pinyin-slug';
/** The form-only field holding the new article's slug; it becomes the folder name, never frontmatter. */
export const SLUG_FIELD = 'slug';

/** Field descriptions of every collection, straight from the schemas. */
const SCHEMAS = buildSchemas(plainHelpers);
export const SCHEMA_FIELDS = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [name, describeObject(SCHEMAS[name])]),
) as Record<CollectionName, FieldInfo[]>;

/** A collection of the registry (src/schemas/collections.ts). */
export type CollectionKey = CollectionName;

/** Which backend the CMS talks to, read from the environment at build time. */
export interface CmsEnvironment {
  /**
   * `local` (decap-server in git mode, the default), `github`, or `newsroom`: the
   * newsroom's own Git repository behind the editors' inbox accounts (src/server/cms-git/).
   */
  backend: 'local' | 'github' | 'newsroom';
  /** decap-server's API when local, e.g. http://127.0.0.1:8081/api/v1. */
  localUrl: string;
  /** The branch the site is built from. */
  branch: string;
  /** owner/name on GitHub; required for the github backend. */
  repo?: string | undefined;
  /** The OAuth client's origin (GitHub backend), e.g. https://cms-auth.example.com. */
  baseUrl?: string | undefined;
  /** Path of the OAuth endpoint on baseUrl; Decap's default is "auth". */
  authEndpoint?: string | undefined;
  /** The public site, for "view live" links; the page's own origin when unset (cms/runtime.ts). */
  siteUrl?: string | undefined;
  /** The paper's name and logo for the login page and the header, from the site settings. */
  brand?: { name: string; logo: string } | undefined;
}

/** Where the newsroom backend answers (src/pages/api/cms/git.ts), on the site's own origin. */
export const NEWSROOM_URL = '/api/cms/git/';

/** Default local backend: decap-server as `npm run dev` and `npm start` run it. */
export const DEFAULT_LOCAL_URL = 'http://127.0.0.1:8081/api/v1';

/**
 * Reads the backend settings from environment variables (CMS_BACKEND: local,
 * github or newsroom; CMS_REPO, CMS_BRANCH (else PUBLISH_BRANCH for newsroom),
 * CMS_BASE_URL, CMS_AUTH_ENDPOINT, DECAP_LOCAL_URL, DECAP_PORT, SITE_URL). The admin page calls this at build time.
 */
export function cmsEnvironment(env: Record<string, string | undefined>): CmsEnvironment {
  const named = env['CMS_BACKEND'];
  const backend = named === 'github' || named === 'newsroom' ? named : 'local';
  const port = env['DECAP_PORT'];
  const localUrl = env['DECAP_LOCAL_URL'] ?? (port ? `http://127.0.0.1:${port}/api/v1` : DEFAULT_LOCAL_URL);
  if (backend === 'github' && !env['CMS_REPO']) {
    throw new Error('CMS_BACKEND=github 需要同时设置 CMS_REPO（例如 lcrb/shuicheng-wendu）');
  }
  return {
    backend,
    localUrl,
    // The newsroom backend writes the branch the publisher builds, whatever the page says; the same name here.
    branch: env['CMS_BRANCH'] ?? (backend === 'newsroom' ? env['PUBLISH_BRANCH'] : undefined) ?? 'main',
    repo: env['CMS_REPO'],
    baseUrl: env['CMS_BASE_URL'],
    authEndpoint: env['CMS_AUTH_ENDPOINT'],
    siteUrl: env['SITE_URL'],
  };
}

/** Strings that deserve a multi-line box rather than a single line. */
const LONG_TEXT = new Set(['summary', 'bio', 'description', 'tipsNotice', 'text', 'notice', 'tagline']);

const ENUM_LABELS: Record<string, (value: string) => string> = {
  role: (v) => t(`role.${v}` as MessageKey),
  kind: (v) => t(`kind.${v}` as MessageKey),
  districtKind: (v) => t(`cms.districtKind.${v}` as MessageKey),
};

/** The label key of a field: `cms.field.<collection>.<dotted path>`. */
export function labelKey(collection: CollectionKey, path: string): MessageKey {
  return `cms.field.${collection}.${path}` as MessageKey;
}

function enumLabels(collection: CollectionKey, info: FieldInfo): (value: string) => string {
  if (collection === 'districts' && info.name === 'kind') return ENUM_LABELS['districtKind'] ?? String;
  return ENUM_LABELS[info.name] ?? String;
}

/** Decap's length check as a regex pattern, with the schema's limits in Chinese. */
function lengthPattern(info: FieldInfo): CmsField['pattern'] {
  const min = info.minLength ?? 0;
  const max = info.maxLength;
  if (max === undefined && min <= 1) return undefined;
  const message =
    max === undefined
      ? `至少 ${String(min)} 个字`
      : min > 1
        ? `${String(min)} 到 ${String(max)} 个字`
        : `最多 ${String(max)} 个字`;
  return [`^[\\s\\S]{${String(min)},${max === undefined ? '' : String(max)}}$`, message];
}

const RELATION_DISPLAY: Record<string, { search: string[]; display: string[] }> = {
  authors: { search: ['name'], display: ['name'] },
  columns: { search: ['name'], display: ['name'] },
  districts: { search: ['name', 'city'], display: ['name'] },
  articles: { search: ['title'], display: ['title'] },
};

/**
 * Maps one schema field to a Decap field. `required` is the schema's own
 * required state; `insideOptional` tells that an optional object encloses it.
 * Decap validates every child of an object even when the editor leaves the
 * whole object empty, so children of optional objects are marked optional in
 * the form and their "required when the object is used" rule is enforced at
 * save time by the schema itself (see validate.ts).
 */
export function toCmsField(
  collection: CollectionKey,
  info: FieldInfo,
  path: string,
  insideOptional = false,
): CmsField {
  const base = {
    name: info.name,
    label: t(labelKey(collection, path)),
    required: info.required && !insideOptional,
    ...(info.description ? { hint: info.description } : {}),
  };
  const childOptional = insideOptional || !info.required;
  switch (info.kind) {
    case 'string': {
      const pattern = lengthPattern(info);
      return {
        ...base,
        widget: LONG_TEXT.has(info.name) ? 'text' : 'string',
        ...(pattern ? { pattern } : {}),
      };
    }
    case 'number':
      return { ...base, widget: 'number', value_type: 'int' };
    case 'boolean':
      return { ...base, widget: 'boolean', default: false };
    case 'datetime':
      // Beijing wall time, exactly as the newsroom writes it; the schema reads it as +08:00.
      return {
        ...base,
        widget: 'datetime',
        format: 'YYYY-MM-DD HH:mm',
        date_format: 'YYYY-MM-DD',
        time_format: 'HH:mm',
        picker_utc: false,
      };
    case 'date':
      // Decap 3 has no separate date widget: a datetime without time, stored as YYYY-MM-DD.
      return {
        ...base,
        widget: 'datetime',
        format: 'YYYY-MM-DD',
        date_format: 'YYYY-MM-DD',
        time_format: false,
        picker_utc: false,
      };
    case 'enum': {
      const label = enumLabels(collection, info);
      return {
        ...base,
        widget: 'select',
        options: (info.options ?? []).map((value) => ({ label: label(value), value })),
      };
    }
    case 'reference':
      return relation(base, info.reference ?? 'articles', false);
    case 'image':
      return { ...base, widget: 'image', choose_url: false };
    case 'file':
      return { ...base, widget: 'file', choose_url: false };
    case 'object':
      return {
        ...base,
        widget: 'object',
        collapsed: !info.required,
        fields: (info.fields ?? []).map((f) => toCmsField(collection, f, `${path}.${f.name}`, childOptional)),
      };
    case 'list': {
      if (info.fields) {
        return {
          ...base,
          widget: 'list',
          fields: info.fields.map((f) => toCmsField(collection, f, `${path}.${f.name}`, false)),
        };
      }
      const item = info.item;
      if (item?.kind === 'reference') return relation(base, item.reference ?? 'articles', true);
      return {
        ...base,
        widget: 'list',
        field: item ? toCmsField(collection, { ...item, name: 'item' }, `${path}.item`, false) : undefined,
      } as CmsField;
    }
  }
}

function relation(base: CmsField, target: string, multiple: boolean): CmsField {
  const shape = RELATION_DISPLAY[target] ?? { search: ['name'], display: ['name'] };
  return {
    ...base,
    widget: 'relation',
    collection: target,
    // The entry's id is its file (or folder) name, which is what the schema stores.
    value_field: '{{slug}}',
    search_fields: shape.search,
    display_fields: shape.display,
    multiple,
    options_length: 50,
  } as CmsField;
}

/** Dotted paths of the region objects among `fields`, e.g. `pages.regions.area`. */
function regionPaths(fields: readonly FieldInfo[], path = ''): string[] {
  return fields.flatMap((f) => {
    const here = path ? `${path}.${f.name}` : f.name;
    return [...(f.region ? [here] : []), ...regionPaths(f.fields ?? [], here)];
  });
}

function fieldsOf(collection: CollectionKey): CmsField[] {
  return SCHEMA_FIELDS[collection].map((f) => toCmsField(collection, f, f.name));
}

const dataCollection = (
  name: Exclude<CollectionKey, 'articles' | 'settings'>,
  summary: string,
): CmsCollection => ({
  name,
  label: t(`cms.collection.${name}` as MessageKey),
  label_singular: t(`cms.collection.${name}.singular` as MessageKey),
  folder: CONTENT[name],
  extension: 'yml',
  format: FORMAT.yamlFor(name),
  create: true,
  delete: false,
  identifier_field: 'name',
  summary,
  // The file name is the id that articles refer to, so it must be ASCII too.
  slug: `{{fields.${SLUG_FIELD}}}`,
  media_folder: '',
  public_folder: '',
  fields: [slugField(name), ...fieldsOf(name)],
});

/** The list-only key of a story's data that its card shows after the title (cms/search/story-list.ts); never saved. */
export const LIST_NOTE = 'listNote';

/** The form-only slug field of a new entry; see the pinyin-slug widget. */
function slugField(collection: CollectionKey): CmsField {
  return {
    name: SLUG_FIELD,
    label: t('cms.field.articles.slug'),
    widget: SLUG_WIDGET,
    // Saved entries keep their folder name; the widget itself requires a valid slug for new ones.
    required: false,
    hint: t('cms.hint.slug'),
    pattern: [SLUG_PATTERN.source, t('cms.error.slug')],
    ...({ source_field: collection === 'articles' ? 'title' : 'name' } as object),
  } as CmsField;
}

/** Builds the whole Decap configuration for the given backend. */
export function buildCmsConfig(env: CmsEnvironment): CmsConfig {
  const backend: CmsConfig['backend'] =
    env.backend === 'github'
      ? {
          name: 'github',
          repo: env.repo ?? '',
          branch: env.branch,
          ...(env.baseUrl ? { base_url: env.baseUrl } : {}),
          ...(env.authEndpoint ? { auth_endpoint: env.authEndpoint } : {}),
          cms_label_prefix: 'decap-cms/',
          squash_merges: true,
        }
      : {
          name: 'proxy',
          // Same origin, so the browser sends the editor's session cookie with every call.
          proxy_url: env.backend === 'newsroom' ? NEWSROOM_URL : env.localUrl,
          branch: env.branch,
        };
  const articles: CmsCollection = {
    name: 'articles',
    label: t('cms.collection.articles'),
    label_singular: t('cms.collection.articles.singular'),
    description: t('cms.collection.articles.description'),
    folder: CONTENT.articles,
    // One folder per story: content/articles/<slug>/index.mdx, photos beside it.
    path: '{{slug}}/index',
    extension: 'mdx',
    format: FORMAT.mdx,
    create: true,
    delete: false,
    identifier_field: 'title',
    // The date and 草稿/定时 after the title; the note is made when the list loads (cms/search/story-list.ts).
    summary: `{{title}}{{${LIST_NOTE}}}`,
    slug: `{{fields.${SLUG_FIELD}}}`,
    // Media beside index.mdx, referenced as ./photo.jpg, so Astro's image() finds it.
    media_folder: '',
    public_folder: './',
    sortable_fields: ['publishedAt', 'title'],
    // 查看发布 opens the story's own page (the folder name is the slug), not the site's root.
    preview_path: 'articles/{{dirname}}/',
    view_filters: [
      { label: t('kind.profile'), field: 'kind', pattern: 'profile' },
      { label: t('kind.feature'), field: 'kind', pattern: 'feature' },
      { label: t('kind.brief'), field: 'kind', pattern: 'brief' },
    ],
    fields: [
      slugField('articles'),
      ...fieldsOf('articles'),
      {
        name: 'body',
        label: t('cms.field.articles.body'),
        widget: 'markdown',
        hint: t('cms.hint.body'),
        modes: ['rich_text', 'raw'],
        sanitize_preview: true,
      } as CmsField,
    ],
  };
  return {
    backend,
    publish_mode: 'editorial_workflow',
    locale: 'zh_Hans',
    load_config_file: false,
    ...(env.siteUrl ? { site_url: env.siteUrl, display_url: env.siteUrl } : {}),
    // Without a logo Decap shows its own on the login page; with show_in_header the paper's is in the header too.
    ...(env.brand ? { logo: { src: env.brand.logo, show_in_header: true } } : {}),
    // A site-wide fallback Decap requires; every collection keeps media beside its entries.
    media_folder: 'public/uploads',
    public_folder: '/uploads',
    slug: { encoding: 'ascii', clean_accents: true, sanitize_replacement: '-' },
    editor: { preview: true },
    collections: [
      articles,
      ...collectionsIn('yaml').map((name) =>
        name === 'editions'
          ? editionsCollection(
              CONTENT[name],
              FORMAT.yamlFor(name),
              fieldsOf(name),
              regionPaths(SCHEMA_FIELDS[name]),
            )
          : dataCollection(name, COLLECTIONS[name].cmsSummary),
      ),
      {
        name: 'settings',
        label: t('cms.collection.settings'),
        delete: false,
        format: FORMAT.yamlFor('settings'),
        extension: 'yml',
        editor: { preview: false },
        files: [
          {
            name: 'site',
            label: t('cms.collection.settings.site'),
            file: CONTENT.settings,
            fields: fieldsOf('settings'),
          },
        ],
      },
    ],
  };
}
