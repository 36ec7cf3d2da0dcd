/**
 * The tip form's contract: how typed text is cleaned, how it is counted and which values are valid. The
 * form's script (src/pages/hotline/_components/tip-form.ts) and the server (src/server/tips/fields.ts) both
 * build their checks from {@link tipFieldsSchema}, so a rule changed here changes on both sides. Written with
 * `zod/mini` and without Node modules, because the same code runs in the reader's browser.
 */
import { z } from 'zod/mini';
import { cleanPastedText } from '../lib/clean-text.ts';

/** Tip categories, in the order the form lists them. */
export const CATEGORIES = ['clue', 'complaint', 'suggestion', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The numbers the rules use; the server passes TIP_LIMITS, the script reads them from the form's data attributes. */
export interface TipTextLimits {
  bodyMin: number;
  bodyMax: number;
  placeMax: number;
  whenMax: number;
  nameMax: number;
  contactMax: number;
}

/** The Chinese message of each rule; `{count}` is filled in. Both sides take them from the one dictionary. */
export interface TipMessages {
  category: string;
  district: string;
  bodyShort: string;
  bodyLong: string;
  place: string;
  when: string;
  name: string;
  contact: string;
  consent: string;
}

/*
 * Characters that show nothing but would count as typed text or change how the inbox displays it: bidi
 * embeddings, overrides and isolates (a reversed line in the inbox or CSV), marks (LRM, RLM, ALM), the soft
 * hyphen, the Mongolian vowel separator, invisible operators, the combining grapheme joiner and Hangul fillers.
 * Zero-width spaces and joiners are cleanPastedText's (src/lib/clean-text.ts), which keeps an emoji's ZWJ.
 */
const INVISIBLE =
  /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u00AD\u180E\u2061-\u2064\u034F\u115F\u1160\u3164\uFFA0]/gu;
/** Combining marks with nothing to combine with: at the start of the text or a line, or after a space. */
const STRAY_MARKS = /(^|[\s])\p{M}+/gu;
/** "Zalgo" stacks: a base keeps at most two marks (enough for any script readers of this paper write). */
const MARK_STACK = /(\P{M}\p{M}{2})\p{M}+/gu;
const CONTROLS_MULTILINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Cleans typed text before anything measures or stores it: NFC, Unix newlines, no control characters (newline
 * and tab kept in multi-line fields), no invisible or direction-changing characters, no stray or stacked
 * combining marks, trimmed.
 */
export function normaliseText(value: string, multiline = false): string {
  let text = value.normalize('NFC').replace(/\r\n?/g, '\n');
  text = text.replace(multiline ? CONTROLS_MULTILINE : CONTROLS, '');
  text = cleanPastedText(text).text.replace(INVISIBLE, '');
  text = text.replace(STRAY_MARKS, '$1').replace(MARK_STACK, '$1');
  return text.trim();
}

const graphemes = new Intl.Segmenter('zh-CN', { granularity: 'grapheme' });

/** Characters as a reader counts them: one per grapheme, so 汉字, é and 👨‍👩‍👧 count once. */
export function countChars(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

const PHONE = /^\+?[\d\s()-]{7,24}$/;
const email = z.email();

/** Whether a contact is a phone number (at least 7 digits) or an email address. */
export function isContact(value: string): boolean {
  if (PHONE.test(value) && (value.match(/\d/g) ?? []).length >= 7) return true;
  return email.safeParse(value).success;
}

const fill = (template: string, count: number) => template.replace('{count}', String(count));

const maxChars = (max: number, message: string, description: string) =>
  z.string().check(
    z.refine((v) => countChars(v) <= max, { message }),
    z.describe(description),
  );

/**
 * The schema of the form's text fields, over values already cleaned with {@link normaliseText}. Districts
 * are the ids of the districts collection (the script reads them from the form's list).
 */
export function tipFieldsSchema(options: {
  limits: TipTextLimits;
  districts: readonly string[];
  messages: TipMessages;
}) {
  const { limits, districts, messages } = options;
  return z.object({
    category: z.enum(CATEGORIES, { error: () => messages.category }).check(z.describe('报料类别')),
    district: z.string().check(
      z.refine((v) => districts.includes(v), { message: messages.district }),
      z.describe('所在区县（区县集合的 id）'),
    ),
    body: z.string().check(
      z.superRefine((value, ctx) => {
        const count = countChars(value);
        if (count < limits.bodyMin)
          ctx.issues.push({ code: 'custom', input: value, message: fill(messages.bodyShort, count) });
        else if (count > limits.bodyMax)
          ctx.issues.push({ code: 'custom', input: value, message: fill(messages.bodyLong, count) });
      }),
      z.describe('发生了什么（读者写的经过）'),
    ),
    place: maxChars(limits.placeMax, messages.place, '地点'),
    when: maxChars(limits.whenMax, messages.when, '时间'),
    name: maxChars(limits.nameMax, messages.name, '称呼'),
    contact: z.string().check(
      z.refine((v) => v === '' || (countChars(v) <= limits.contactMax && isContact(v)), {
        message: messages.contact,
      }),
      z.describe('电话或邮箱，可不填'),
    ),
    consent: z.literal(true, { error: () => messages.consent }).check(z.describe('同意隐私说明')),
    echo: z.boolean().check(z.describe('同意在“回音”栏目发表不含个人信息的摘要')),
  });
}

/** A tip's text fields after validation. */
export type ValidTip = z.infer<ReturnType<typeof tipFieldsSchema>>;
