/**
 * Save-time check: the entry as it will be written must pass the same zod
 * schema the build uses. It catches what Decap's per-field checks cannot:
 * rules across fields (a profile needs its subject, a byline has either an
 * author or a name), required parts of optional groups (a hero photo needs
 * alt text), and the schemas' own patterns (phone numbers, QQ, e-mail).
 */
import type { z } from 'zod';
import { t } from '../src/i18n/t.ts';
import type { MessageKey } from '../src/i18n/zh-CN.ts';
import {
  articleSchema,
  authorSchema,
  columnSchema,
  districtSchema,
  plainHelpers,
  settingsSchema,
} from '../src/schemas/index.ts';
import { SCHEMA_FIELDS, SLUG_FIELD, type CollectionKey } from './config.ts';
import { BODY, tidy } from './format.ts';

const SCHEMAS: Record<CollectionKey, z.ZodType> = {
  articles: articleSchema(plainHelpers),
  authors: authorSchema(plainHelpers),
  columns: columnSchema(),
  districts: districtSchema(),
  settings: settingsSchema(),
};

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
    // zod's own messages are English; the schemas only word the ones they expect editors to hit.
    const message = issue.message.startsWith('Invalid input') ? t('cms.error.required') : issue.message;
    return `${where}${message}`;
  });
}
