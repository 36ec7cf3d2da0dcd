/**
 * Save-time check: the entry as it will be written must pass the same zod
 * schema the build uses. It catches what Decap's per-field checks cannot:
 * rules across fields (a profile needs its subject, a byline has either an
 * author or a name), required parts of optional groups (a hero photo needs
 * alt text), and the schemas' own patterns (phone numbers, QQ, e-mail).
 * It also cleans pasted text and words the refusal of a slug already taken;
 * main.ts runs all of it in Decap's preSave hook.
 *
 * The MDX body is not checked here: the body check (src/lib/mdx-check.ts)
 * parses with Sätteri, whose browser build needs a WebAssembly package that
 * npm does not install on this platform (see docs/cms.md).
 */
import type { z } from 'zod';
import { cleanPastedText, HAZARD_LABEL } from '../src/lib/clean-text.ts';
import { t } from '../src/i18n/t.ts';
import type { MessageKey } from '../src/i18n/zh-CN.ts';
import { buildSchemas, plainHelpers } from '../src/schemas/index.ts';
import { SCHEMA_FIELDS, SLUG_FIELD, type CollectionKey } from './config.ts';
import { BODY, tidy } from './format.ts';

const SCHEMAS: Record<CollectionKey, z.ZodType> = buildSchemas(plainHelpers);

function isCollection(name: string): name is CollectionKey {
  return name in SCHEMAS;
}

/** The label editors see for a schema path such as `authors.1.role` → "署名 第 2 条 · 身份". */
export function fieldLabel(collection: CollectionKey, path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  const names: string[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') {
      parts.push(`第 ${String(segment + 1)} 条`);
      continue;
    }
    names.push(String(segment));
    const key = `cms.field.${collection}.${names.join('.')}` as MessageKey;
    // t() gives undefined at runtime for a key the dictionary lacks, whatever its type says.
    const label = t(key) as string | undefined;
    parts.push(label ?? String(segment));
  }
  return parts.join(' · ');
}

/**
 * Checks entry data from the form against its schema. Returns Chinese
 * messages, one per problem; an empty list means the entry can be saved.
 */
export function validateEntry(collection: string, data: Record<string, unknown>): string[] {
  if (!isCollection(collection)) return [];
  const front = Object.fromEntries(
    Object.entries(data).filter(([key]) => key !== BODY && key !== SLUG_FIELD),
  );
  const written = tidy(front, SCHEMA_FIELDS[collection]) ?? {};
  const result = SCHEMAS[collection].safeParse(written);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${fieldLabel(collection, issue.path)}：` : '';
    return `${where}${plainMessage(issue.message)}`;
  });
}

const CJK = /[\u3400-\u9fff]/;

/**
 * A schema message as editors should read it in the form. The schemas speak
 * to people editing files, so they name keys and values in parentheses
 * ("人物稿（kind: profile）必须填写主人公（subject）"); the form shows labels, so
 * those names go. zod's own messages are English; the schemas only word the
 * ones they expect editors to hit, so any other one becomes a plain request.
 */
export function plainMessage(message: string): string {
  if (message.startsWith('Invalid input')) return t('cms.error.required');
  if (!CJK.test(message)) return t('cms.error.invalidValue');
  return message.replace(/[A-Za-z]+（([^）]*[^\x00-\x7f）][^）]*)）/g, '$1').replace(/（[\x20-\x7e]*）/g, '');
}

/** Fields editors paste text into; their values are cleaned on save. */
export const PASTED_FIELDS: Readonly<Partial<Record<CollectionKey, readonly string[]>>> = {
  articles: ['title', 'kicker', 'subtitle', 'summary', BODY],
};

/** Entry data after {@link cleanEntryText}, with one note per field that changed. */
export interface CleanedEntry {
  data: Record<string, unknown>;
  notes: string[];
}

/**
 * Removes the invisible characters pasted text brings along (zero-width
 * characters, no-break spaces, full-width spaces at a paragraph's start) from
 * the fields editors paste into, with {@link cleanPastedText}, the function
 * whose findings the content check reports. The notes tell the editor, per
 * field, what was taken out.
 */
export function cleanEntryText(collection: string, data: Record<string, unknown>): CleanedEntry {
  const fields = isCollection(collection) ? (PASTED_FIELDS[collection] ?? []) : [];
  const cleaned = { ...data };
  const notes: string[] = [];
  for (const name of fields) {
    const value = data[name];
    if (typeof value !== 'string') continue;
    const { text, removed } = cleanPastedText(value);
    if (removed.length === 0) continue;
    cleaned[name] = text;
    const field = isCollection(collection) ? fieldLabel(collection, [name]) : name;
    const counts = new Map<keyof typeof HAZARD_LABEL, number>();
    for (const hazard of removed) counts.set(hazard.kind, (counts.get(hazard.kind) ?? 0) + 1);
    for (const [kind, count] of counts) {
      notes.push(
        kind === 'no-break-space'
          ? t('cms.cleaned.replaced', { field, count })
          : t('cms.cleaned.removed', { field, count, what: HAZARD_LABEL[kind] }),
      );
    }
  }
  return { data: cleaned, notes };
}

/** An entry already stored under the slug a new entry asks for. */
export interface ExistingEntry {
  /** Its title (articles) or name (authors, columns, districts), as editors know it. */
  title: string;
  /** Whether it is a draft in the editorial workflow rather than on the site's branch. */
  draft: boolean;
}

/**
 * The refusal for a new entry whose slug another entry already has. Decap
 * would otherwise save it as `<slug>/index-1.mdx`, which the site never shows.
 */
export function duplicateSlugMessage(collection: string, slug: string, existing: ExistingEntry): string {
  // t() gives undefined at runtime for a key the dictionary lacks (settings has no singular).
  const named = t(`cms.collection.${collection}.singular` as MessageKey) as string | undefined;
  const singular = named ?? t('cms.collection.articles.singular');
  const what = existing.draft ? `${t('cms.error.duplicateSlug.draft')}${singular}` : singular;
  return `${fieldLabel('articles', [SLUG_FIELD])}：${t('cms.error.duplicateSlug', { slug, what, title: existing.title })}`;
}
