import { describe, expect, test } from 'vitest';
import type { CmsField } from 'decap-cms-core';
import { t } from '../src/i18n/t.ts';
import type { FieldInfo } from '../src/schemas/fields.ts';
import { buildCmsConfig, cmsEnvironment, SCHEMA_FIELDS, SLUG_FIELD, type CollectionKey } from './config.ts';

const local = buildCmsConfig(cmsEnvironment({}));

/** Form-only fields that are not frontmatter: the slug names the folder, the body follows the frontmatter. */
const FORM_ONLY = new Set([SLUG_FIELD, 'body']);

type Field = CmsField & {
  fields?: Field[];
  field?: Field;
  widget?: string;
  multiple?: boolean;
  collection?: string;
};

function collectionFields(name: CollectionKey): Field[] {
  const collection = local.collections.find((c) => c.name === name);
  const fields = collection?.fields ?? collection?.files?.[0]?.fields;
  if (!fields) throw new Error(`no fields for ${name}`);
  return fields;
}

/**
 * Walks schema and CMS fields side by side and lists every mismatch: a
 * schema field with no CMS field, a CMS field with no schema field, a
 * different required state, a wrong widget or a missing hint.
 */
function compare(
  schema: readonly FieldInfo[],
  cms: readonly Field[],
  path: string,
  insideOptional: boolean,
): string[] {
  const problems: string[] = [];
  const byName = new Map(cms.filter((f) => !FORM_ONLY.has(f.name)).map((f) => [f.name, f]));
  for (const info of schema) {
    const where = `${path}${info.name}`;
    const field = byName.get(info.name);
    byName.delete(info.name);
    if (!field) {
      problems.push(`${where}: no CMS field`);
      continue;
    }
    // Children of optional groups are optional in the form; validate.ts enforces them when the group is used.
    const expected = info.required && !insideOptional;
    if ((field.required ?? true) !== expected)
      problems.push(`${where}: required ${String(field.required)} ≠ ${String(expected)}`);
    if (info.description && field.hint !== info.description)
      problems.push(`${where}: hint differs from the schema`);
    const widget = field.widget ?? 'string';
    const expectedWidgets: Record<FieldInfo['kind'], string[]> = {
      string: ['string', 'text'],
      number: ['number'],
      boolean: ['boolean'],
      datetime: ['datetime'],
      date: ['datetime'],
      enum: ['select'],
      reference: ['relation'],
      image: ['image'],
      file: ['file'],
      object: ['object'],
      list: ['list', 'relation'],
    };
    if (!expectedWidgets[info.kind].includes(widget))
      problems.push(`${where}: widget ${widget} for ${info.kind}`);
    if (info.kind === 'object') {
      problems.push(
        ...compare(info.fields ?? [], field.fields ?? [], `${where}.`, insideOptional || !info.required),
      );
    }
    if (info.kind === 'list' && info.fields) {
      problems.push(...compare(info.fields, field.fields ?? [], `${where}[].`, false));
    }
    if (info.kind === 'list' && info.item?.kind === 'reference') {
      if (widget !== 'relation' || field.multiple !== true || field.collection !== info.item.reference) {
        problems.push(`${where}: expected a multiple relation to ${String(info.item.reference)}`);
      }
    }
  }
  for (const name of byName.keys()) problems.push(`${path}${name}: CMS field without a schema field`);
  return problems;
}

describe('generated CMS config', () => {
  for (const name of Object.keys(SCHEMA_FIELDS) as CollectionKey[]) {
    test(`${name}: every schema field has a matching CMS field and vice versa`, () => {
      expect(compare(SCHEMA_FIELDS[name], collectionFields(name), '', false)).toEqual([]);
    });
  }

  test('the comparison itself catches a missing field, an extra field and a required mismatch', () => {
    const fields = collectionFields('columns');
    const broken: Field[] = [
      ...fields
        .filter((f) => f.name !== 'order')
        .map((f) => (f.name === 'name' ? { ...f, required: false } : f)),
      { name: 'extra', widget: 'string' },
    ];
    expect(compare(SCHEMA_FIELDS.columns, broken, '', false)).toEqual([
      'name: required false ≠ true',
      'order: no CMS field',
      'extra: CMS field without a schema field',
    ]);
  });

  test('every field has a Chinese label, not its code name', () => {
    const missing: string[] = [];
    const walk = (fields: readonly Field[], path: string) => {
      for (const f of fields) {
        if (!f.label || f.label.startsWith('cms.') || !/[\u4e00-\u9fff]|QQ/.test(f.label))
          missing.push(`${path}${f.name}`);
        walk(f.fields ?? [], `${path}${f.name}.`);
        if (f.field) walk([f.field], `${path}${f.name}.`);
      }
    };
    for (const name of Object.keys(SCHEMA_FIELDS) as CollectionKey[])
      walk(collectionFields(name), `${name}.`);
    expect(missing).toEqual([]);
  });

  test('enums are selects with Chinese labels from the shared dictionary', () => {
    const authors = collectionFields('articles').find((f) => f.name === 'authors');
    const role = authors?.fields?.find((f) => f.name === 'role') as {
      options?: { label: string; value: string }[];
    };
    expect(role.options).toContainEqual({ label: t('role.reporter'), value: 'reporter' });
    expect(role.options).toContainEqual({ label: '记者', value: 'reporter' });
    const kind = collectionFields('articles').find((f) => f.name === 'kind') as {
      options?: { label: string }[];
    };
    expect(kind.options?.map((o) => o.label)).toEqual(['特稿', '人物', '报道', '简讯', '评论', '图片']);
    const district = collectionFields('districts').find((f) => f.name === 'kind') as {
      options?: { label: string }[];
    };
    expect(district.options?.map((o) => o.label)).toEqual(['市辖区', '县', '县级市', '开发区或园区']);
  });

  test('references are relations to the entry ids, searched and shown by name', () => {
    const column = collectionFields('articles').find((f) => f.name === 'column');
    expect(column).toMatchObject({
      widget: 'relation',
      collection: 'columns',
      value_field: '{{slug}}',
      search_fields: ['name'],
      display_fields: ['name'],
      multiple: false,
    });
    const author = collectionFields('articles')
      .find((f) => f.name === 'authors')
      ?.fields?.find((f) => f.name === 'author');
    expect(author).toMatchObject({ widget: 'relation', collection: 'authors', required: false });
  });

  test('times are stored as Beijing wall time and days as YYYY-MM-DD', () => {
    const publishedAt = collectionFields('articles').find((f) => f.name === 'publishedAt');
    expect(publishedAt).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD HH:mm', picker_utc: false });
    const day = collectionFields('articles')
      .find((f) => f.name === 'edition')
      ?.fields?.find((f) => f.name === 'date');
    expect(day).toMatchObject({ widget: 'datetime', format: 'YYYY-MM-DD', time_format: false });
  });

  test('long texts get a text box and length limits become patterns with Chinese messages', () => {
    const summary = collectionFields('articles').find((f) => f.name === 'summary');
    expect(summary).toMatchObject({ widget: 'text', pattern: ['^[\\s\\S]{20,200}$', '20 到 200 个字'] });
    const source = String(summary?.pattern?.[0]);
    expect(new RegExp(source).test('短')).toBe(false);
    expect(
      new RegExp(source).test('东阿县持续开展濒危剧种公益性演出，让发源于牛角店镇的王皮戏重新唱响。'),
    ).toBe(true);
  });

  test('articles live in one folder each, with media beside index.mdx, under the editorial workflow', () => {
    const articles = local.collections.find((c) => c.name === 'articles');
    expect(articles).toMatchObject({
      folder: 'content/articles',
      path: '{{slug}}/index',
      extension: 'mdx',
      media_folder: '',
      public_folder: './',
      slug: '{{fields.slug}}',
    });
    expect(local.publish_mode).toBe('editorial_workflow');
    expect(local.locale).toBe('zh_Hans');
    const body = articles?.fields?.find((f) => f.name === 'body') as { widget: string; modes: string[] };
    expect(body.widget).toBe('markdown');
    expect(local.collections.find((c) => c.name === 'settings')?.files?.[0]?.file).toBe(
      'content/settings/site.yml',
    );
    for (const name of ['authors', 'columns', 'districts']) {
      expect(local.collections.find((c) => c.name === name)).toMatchObject({
        folder: `content/${name}`,
        extension: 'yml',
      });
    }
  });
});

describe('backend from the environment', () => {
  test('defaults to decap-server on loopback port 8081 and branch main', () => {
    expect(local.backend).toEqual({
      name: 'proxy',
      proxy_url: 'http://127.0.0.1:8081/api/v1',
      branch: 'main',
    });
  });

  test('DECAP_PORT or DECAP_LOCAL_URL move the local backend', () => {
    expect(buildCmsConfig(cmsEnvironment({ DECAP_PORT: '9999' })).backend.proxy_url).toBe(
      'http://127.0.0.1:9999/api/v1',
    );
    expect(
      buildCmsConfig(cmsEnvironment({ DECAP_LOCAL_URL: 'http://localhost:7000/api/v1' })).backend.proxy_url,
    ).toBe('http://localhost:7000/api/v1');
  });

  test('CMS_BACKEND=github uses the GitHub backend with the OAuth settings', () => {
    const config = buildCmsConfig(
      cmsEnvironment({
        CMS_BACKEND: 'github',
        CMS_REPO: 'lcrb/shuicheng-wendu',
        CMS_BRANCH: 'production',
        CMS_BASE_URL: 'https://auth.example.com',
        SITE_URL: 'https://wendu.example.com',
      }),
    );
    expect(config.backend).toMatchObject({
      name: 'github',
      repo: 'lcrb/shuicheng-wendu',
      branch: 'production',
      base_url: 'https://auth.example.com',
    });
    expect(config).not.toHaveProperty('local_backend');
    expect(config.site_url).toBe('https://wendu.example.com');
  });

  test('CMS_BACKEND=github without a repository is refused with a Chinese message', () => {
    expect(() => cmsEnvironment({ CMS_BACKEND: 'github' })).toThrow(/CMS_REPO/);
  });
});
