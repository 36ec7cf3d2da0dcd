import { t } from '../../i18n/t.ts';
import { TIP_LIMITS } from '../config.ts';
import { normaliseText, tipFieldsSchema, type TipMessages, type ValidTip } from '../../tips/contract.ts';

export { CATEGORIES, countChars, type Category, type ValidTip } from '../../tips/contract.ts';

/** The Chinese label of a category. */
export function categoryLabel(category: string): string {
  switch (category) {
    case 'clue':
      return t('hotline.category.clue');
    case 'complaint':
      return t('hotline.category.complaint');
    case 'suggestion':
      return t('hotline.category.suggestion');
    default:
      return t('hotline.category.other');
  }
}

/** The text fields of the form, cleaned (see normaliseText), so a rejected form can be shown again. */
export interface TipValues {
  category: string;
  district: string;
  body: string;
  place: string;
  when: string;
  name: string;
  contact: string;
  consent: boolean;
  /** The reader agreed that an anonymised summary may appear on the 回音 board. */
  echo: boolean;
}

export type TipField = keyof TipValues | 'photos';
export type FieldErrors = Partial<Record<TipField, string>>;

export const EMPTY_VALUES: TipValues = {
  category: '',
  district: '',
  body: '',
  place: '',
  when: '',
  name: '',
  contact: '',
  consent: false,
  echo: false,
};

/** The rules' messages from the dictionary; the form's script gets the same strings (TipForm.astro). */
export function tipMessages(): TipMessages {
  return {
    category: t('hotline.err.category'),
    district: t('hotline.err.district'),
    bodyShort: t('hotline.err.bodyShort'),
    bodyLong: t('hotline.err.bodyLong'),
    place: t('hotline.err.place'),
    when: t('hotline.err.when'),
    name: t('hotline.err.name'),
    contact: t('hotline.err.contact'),
    consent: t('hotline.err.consent'),
  };
}

const text = (value: FormDataEntryValue | null, multiline = false) =>
  typeof value === 'string' ? normaliseText(value, multiline) : '';

/** Reads the text fields from a submitted form. */
export function readValues(form: FormData): TipValues {
  return {
    category: text(form.get('category')),
    district: text(form.get('district')),
    body: text(form.get('body'), true),
    place: text(form.get('place')),
    when: text(form.get('when')),
    name: text(form.get('name')),
    contact: text(form.get('contact')),
    consent: form.get('consent') === 'yes',
    echo: form.get('echo') === 'yes',
  };
}

/** By the district list's text: each request reads the list afresh, but it changes only with a new build. */
const schemas = new Map<string, ReturnType<typeof tipFieldsSchema>>();

/**
 * The zod schema of the text fields; districts are the ids of the districts collection. Built once per
 * list: building it for every tip was about a twentieth of the endpoint's CPU under load.
 */
export function tipSchema(districtIds: readonly string[]) {
  const key = districtIds.join('\n');
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size > 8) schemas.clear();
    schema = tipFieldsSchema({ limits: TIP_LIMITS, districts: [...districtIds], messages: tipMessages() });
    schemas.set(key, schema);
  }
  return schema;
}

/** Validates the text fields; returns the tip or one Chinese message per bad field. */
export function validateValues(
  values: TipValues,
  districtIds: readonly string[],
): { ok: true; tip: ValidTip } | { ok: false; errors: FieldErrors } {
  const result = tipSchema(districtIds).safeParse(values);
  if (result.success) return { ok: true, tip: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in values && !(field in errors))
      errors[field as TipField] = issue.message;
  }
  return { ok: false, errors };
}
