/**
 * The 数字报 collection in the CMS: one entry per issue, its page images and
 * PDFs uploaded beside the YAML file, and each story's region drawn on the
 * page image with the region control (react/RegionControl.ts). The fields
 * themselves are generated from src/schemas/edition.ts like every other
 * collection's; this module only adds what is particular to editions.
 */
import type { CmsCollection, CmsField } from 'decap-cms-core';
import { t } from '../src/i18n/t.ts';

/** The Decap field option that turns an object field into a region drawn on the page image. */
export const REGION_OPTION = 'region_on_page_image';

type Field = CmsField & { fields?: Field[]; field?: Field };

/** Marks the region objects (pages → regions → area) so the object control draws them on the page image. */
function markRegions(fields: readonly Field[], regions: ReadonlySet<string>, path: string): Field[] {
  return fields.map((field) => {
    const here = path ? `${path}.${field.name}` : field.name;
    const children = field.fields ? { fields: markRegions(field.fields, regions, here) } : {};
    return { ...field, ...children, ...(regions.has(here) ? { [REGION_OPTION]: true } : {}) };
  });
}

/**
 * The editions collection: files named by their date, media beside them.
 * `fields` are the generated fields; `regionPaths` the dotted paths of the
 * region objects (from the schema's region metadata); `format` the YAML
 * format's name.
 */
export function editionsCollection(
  folder: string,
  format: string,
  fields: readonly CmsField[],
  regionPaths: readonly string[],
): CmsCollection {
  return {
    name: 'editions',
    label: t('cms.collection.editions'),
    label_singular: t('cms.collection.editions.singular'),
    description: t('cms.collection.editions.description'),
    folder,
    extension: 'yml',
    format,
    create: true,
    delete: false,
    identifier_field: 'date',
    summary: '{{date}}',
    // The file is the date, which is also its URL: /editions/2026-04-26/.
    slug: '{{fields.date}}',
    sortable_fields: ['date'],
    // Page images and PDFs sit beside the file, named by the editor's upload.
    media_folder: '',
    public_folder: '',
    fields: markRegions(fields, new Set(regionPaths), ''),
  };
}
