import { z } from 'zod';
import { t } from '../../i18n/t.ts';
import { TIP_LIMITS } from '../config.ts';

/** Tip categories, in the order the form lists them. */
export const CATEGORIES = ['clue', 'complaint', 'suggestion', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

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

/** The text fields of the form, exactly as typed (trimmed), so a rejected form can be shown again. */
export interface TipValues {
  category: string;
  district: string;
  body: string;
  place: string;
  when: string;
  name: string;
  contact: string;
  consent: boolean;
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
};

/** Characters as a reader counts them: one per code point, so 汉字 and emoji count once. */
export function countChars(text: string): number {
  return Array.from(text).length;
}

/** Normalizes typed text: NFC, Unix newlines, no control characters except newline and tab. */
function clean(value: FormDataEntryValue | null, multiline = false): string {
  if (typeof value !== 'string') return '';
  let text = value.normalize('NFC').replace(/\r\n?/g, '\n');
  text = text.replace(multiline ? /[\u0000-\u0008\u000b-\u001f\u007f]/g : /[\u0000-\u001f\u007f]/g, '');
  return text.trim();
}

/** Reads the text fields from a submitted form. */
export function readValues(form: FormData): TipValues {
  return {
    category: clean(form.get('category')),
    district: clean(form.get('district')),
    body: clean(form.get('body'), true),
    place: clean(form.get('place')),
    when: clean(form.get('when')),
    name: clean(form.get('name')),
    contact: clean(form.get('contact')),
    consent: form.get('consent') === 'yes',
  };
}

const PHONE = /^\+?[\d\s()-]{7,24}$/;

const maxChars = (max: number, message: string) =>
  z.string().refine((v) => countChars(v) <= max, { message });

/** The zod schema of the text fields; districts are the ids of the districts collection. */
export function tipSchema(districtIds: readonly string[]) {
  return z.object({
    category: z.enum(CATEGORIES, { error: () => t('hotline.err.category') }),
    district: z.string().refine((v) => districtIds.includes(v), { message: t('hotline.err.district') }),
    body: z.string().superRefine((value, ctx) => {
      const count = countChars(value);
      if (count < TIP_LIMITS.bodyMin)
        ctx.addIssue({ code: 'custom', message: t('hotline.err.bodyShort', { count }) });
      else if (count > TIP_LIMITS.bodyMax)
        ctx.addIssue({ code: 'custom', message: t('hotline.err.bodyLong', { count }) });
    }),
    place: maxChars(TIP_LIMITS.placeMax, t('hotline.err.place')),
    when: maxChars(TIP_LIMITS.whenMax, t('hotline.err.when')),
    name: maxChars(TIP_LIMITS.nameMax, t('hotline.err.name')),
    contact: z
      .string()
      .refine(
        (v) =>
          v === '' ||
          (countChars(v) <= TIP_LIMITS.contactMax &&
            ((PHONE.test(v) && (v.match(/\d/g) ?? []).length >= 7) || z.email().safeParse(v).success)),
        { message: t('hotline.err.contact') },
      ),
    consent: z.literal(true, { error: () => t('hotline.err.consent') }),
  });
}

export type ValidTip = z.infer<ReturnType<typeof tipSchema>>;

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
