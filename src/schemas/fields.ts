import type { z } from 'zod';
import type { FieldMeta, ReferenceTarget } from './context.ts';

/** What kind of input a field takes, as the CMS and the content check see it. */
export type FieldKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'datetime'
  | 'date'
  | 'enum'
  | 'reference'
  | 'image'
  | 'file'
  | 'object'
  | 'list';

/** A schema field described for tooling: the CMS config generator and the content check. */
export interface FieldInfo {
  name: string;
  kind: FieldKind;
  required: boolean;
  /** The Chinese `.describe()` text, shown to editors as the field's hint. */
  description: string | undefined;
  /** Allowed values of an enum field. */
  options?: readonly string[];
  /** The collection a reference field links to. */
  reference?: ReferenceTarget;
  /** String length bounds, for hints and CMS patterns. */
  minLength?: number;
  maxLength?: number;
  /** Fields of an object, or of each item of a list of objects. */
  fields?: FieldInfo[];
  /** The item of a list of scalars. */
  item?: FieldInfo;
  /** An object that is a story's region on a page image (see src/schemas/edition.ts). */
  region?: true;
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string>;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[];
}

const defOf = (schema: z.ZodType): Def => schema._zod.def;

/**
 * Describes one zod schema as a field: peels optional/default/pipe wrappers,
 * keeping the first description and meta found on the way in.
 */
export function describeField(name: string, schema: z.ZodType): FieldInfo {
  let current = schema;
  let required = true;
  let description: string | undefined;
  let meta: FieldMeta = {};
  for (;;) {
    description ??= current.description;
    meta = { ...(current.meta() as FieldMeta | undefined), ...meta };
    const def = defOf(current);
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') {
      required = false;
      current = def.innerType as z.ZodType;
    } else if (def.type === 'pipe') {
      // z.preprocess(fn, target) is a pipe from a transform into the target.
      current = (defOf(def.in as z.ZodType).type === 'transform' ? def.out : def.in) as z.ZodType;
    } else break;
  }
  const def = defOf(current);
  const base = { name, required, description };
  if (meta.reference) return { ...base, kind: 'reference', reference: meta.reference };
  if (meta.image) return { ...base, kind: 'image' };
  if (meta.calendarDay) return { ...base, kind: 'date' };
  if (meta.file) return { ...base, kind: 'file' };
  switch (def.type) {
    case 'string': {
      const info: FieldInfo = { ...base, kind: 'string' };
      for (const check of def.checks ?? []) {
        const c = check._zod.def;
        if (c.check === 'min_length' && c.minimum !== undefined) info.minLength = c.minimum;
        if (c.check === 'max_length' && c.maximum !== undefined) info.maxLength = c.maximum;
      }
      return info;
    }
    case 'number':
      return { ...base, kind: 'number' };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'date':
      return { ...base, kind: 'datetime' };
    case 'enum':
      return { ...base, kind: 'enum', options: Object.values(def.entries ?? {}) };
    case 'object':
      return {
        ...base,
        kind: 'object',
        fields: describeObject(current),
        ...(meta.region ? { region: true } : {}),
      };
    case 'array': {
      const item = describeField('item', def.element as z.ZodType);
      return item.kind === 'object'
        ? { ...base, kind: 'list', fields: item.fields ?? [] }
        : { ...base, kind: 'list', item };
    }
    default:
      throw new Error(`字段 ${name} 的类型 ${def.type} 暂不支持，请在 src/schemas/fields.ts 中补充`);
  }
}

/** Describes every field of an object schema, in declaration order. */
export function describeObject(schema: z.ZodType): FieldInfo[] {
  const shape = defOf(schema).shape;
  if (!shape) throw new Error('describeObject expects an object schema');
  return Object.entries(shape).map(([name, field]) => describeField(name, field));
}
