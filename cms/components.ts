/**
 * The reader site's MDX body components as Decap editor components, without
 * React: each one knows its exact MDX syntax (pattern → fields → text) and how
 * to preview itself as HTML. `main.ts` registers them with Decap.
 *
 * The canonical syntax is the one the sample articles use; parsing and then
 * serializing canonical text gives back the same text byte for byte.
 */
import type { z } from 'zod';
import { t } from '../src/i18n/t.ts';
import { zhCN, type MessageKey } from '../src/i18n/zh-CN.ts';
import { describeObject, type FieldInfo } from '../src/schemas/fields.ts';
import {
  factBoxContentSchema,
  factBoxPropsSchema,
  figureContentSchema,
  figurePropsSchema,
  hotlineCalloutPropsSchema,
  profileCardPropsSchema,
  pullQuoteContentSchema,
  pullQuotePropsSchema,
} from '../src/schemas/mdx-components.ts';
import { relativeMediaPath } from './format.ts';

/** A field of an editor component's form, as Decap takes it. */
export interface ComponentField {
  name: string;
  label: string;
  widget: 'string' | 'text' | 'image' | 'list';
  required?: boolean;
  hint?: string;
  /** For a list of objects. */
  fields?: ComponentField[];
  summary?: string;
  media_library?: { allow_multiple: boolean };
  choose_url?: boolean;
}

/** Values of one component's form. */
export type ComponentData = Record<string, unknown>;

/** One MDX component as a Decap block editor component. */
export interface MdxComponent {
  id: string;
  label: string;
  fields: ComponentField[];
  /** Matches the component at the start of a block; no `m` flag (Decap rejects it). */
  pattern: RegExp;
  fromBlock: (match: RegExpMatchArray) => ComponentData;
  toBlock: (data: ComponentData) => string;
  /** Preview markup; `src` resolves an image path to a URL the preview can load. */
  toPreviewHtml: (data: ComponentData, src?: (path: string) => string) => string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** JSX string attributes have no backslash escapes, so quotes and ampersands are written as entities. */
export function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/** Reverses {@link encodeAttribute}. */
export function decodeAttribute(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Reads `name="value"` attributes in any order. */
function attributes(source: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of source.matchAll(/(\w+)="([^"]*)"/g)) {
    const [, name, value] = m;
    if (name !== undefined && value !== undefined) found[name] = decodeAttribute(value);
  }
  return found;
}

/** Writes attributes in the given order, leaving out empty optional ones. */
function writeAttributes(pairs: [string, string][]): string {
  return pairs
    .filter(([, value]) => value !== '')
    .map(([name, value]) => ` ${name}="${encodeAttribute(value)}"`)
    .join('');
}

/** Markdown alt text: brackets and backslashes would end or escape it. */
const escapeAlt = (alt: string): string => alt.replace(/([\\[\]])/g, '\\$1');
const unescapeAlt = (alt: string): string => alt.replace(/\\([\\[\]])/g, '$1');
/** Paths with spaces or parentheses go in angle brackets, as CommonMark allows. */
const writeSrc = (src: string): string => (/[\s()]/.test(src) ? `<${src}>` : src);

const label = (key: Parameters<typeof t>[0]) => t(key);

const isMessageKey = (key: string): key is MessageKey => key in zhCN;

/** Decap-only settings of a field that the schema has no say in. */
type FieldExtras = Partial<Pick<ComponentField, 'widget' | 'summary'>>;

/**
 * A component's form, field by field from its schemas (src/schemas/mdx-components.ts):
 * the same names, required state and hints (`.describe()`) the content check
 * and the reader-site component use. Labels come from the dictionary under
 * `cms.component.<component>.<field>`.
 */
function formFields(
  component: string,
  schemas: readonly z.ZodObject[],
  extras: Record<string, FieldExtras> = {},
): ComponentField[] {
  const toField = (info: FieldInfo): ComponentField => {
    const key = `cms.component.${component}.${info.name}`;
    if (!isMessageKey(key)) throw new Error(`缺少编辑器字段名称：请在 src/i18n/zh-CN/cms.ts 中加上 ${key}`);
    const field: ComponentField = {
      name: info.name,
      label: t(key),
      widget: info.kind === 'image' ? 'image' : info.kind === 'list' ? 'list' : 'string',
      ...(info.required ? {} : { required: false }),
      ...(info.description ? { hint: info.description } : {}),
      ...(info.kind === 'image' ? { media_library: { allow_multiple: false }, choose_url: false } : {}),
      ...(info.fields ? { fields: info.fields.map(toField) } : {}),
      ...extras[info.name],
    };
    return field;
  };
  return schemas.flatMap((schema) => describeObject(schema)).map(toField);
}

const ATTRS = '((?:\\s+\\w+="[^"]*")*)';

export const figure: MdxComponent = {
  id: 'figure',
  label: label('cms.component.figure'),
  fields: formFields('figure', [figureContentSchema, figurePropsSchema]),
  pattern: new RegExp(
    `^<Figure${ATTRS}>\\n\\n!\\[((?:\\\\.|[^\\]\\\\])*)\\]\\((<[^>\\n]*>|[^)\\s]*)\\)\\n\\n</Figure>`,
  ),
  fromBlock: (match) => {
    const attrs = attributes(match[1] ?? '');
    const rawSrc = match[3] ?? '';
    return {
      image: rawSrc.startsWith('<') ? rawSrc.slice(1, -1) : rawSrc,
      alt: unescapeAlt(match[2] ?? ''),
      caption: attrs['caption'] ?? '',
      credit: attrs['credit'] ?? '',
    };
  },
  toBlock: (data) =>
    `<Figure${writeAttributes([
      ['caption', text(data['caption'])],
      ['credit', text(data['credit'])],
    ])}>\n\n![${escapeAlt(text(data['alt']))}](${writeSrc(relativeMediaPath(text(data['image'])))})\n\n</Figure>`,
  toPreviewHtml: (data, src = (p) => p) => {
    const caption = text(data['caption']);
    const credit = text(data['credit']);
    // The site's PhotoCaption markup: the caption, then the credit on its own line, set right.
    const figcaption =
      caption || credit
        ? `<figcaption>${escapeHtml(caption)}${credit ? `<span class="credit">${escapeHtml(credit)}</span>` : ''}</figcaption>`
        : '';
    return `<figure class="cms-figure" data-component="figure"><img src="${escapeHtml(src(text(data['image'])))}" alt="${escapeHtml(text(data['alt']))}">${figcaption}</figure>`;
  },
};

export const pullQuote: MdxComponent = {
  id: 'pull-quote',
  label: label('cms.component.pullQuote'),
  fields: formFields('pullQuote', [pullQuoteContentSchema, pullQuotePropsSchema], {
    text: { widget: 'text' },
  }),
  pattern: new RegExp(`^<PullQuote${ATTRS}>([^<\\n]*)</PullQuote>`),
  fromBlock: (match) => ({ cite: attributes(match[1] ?? '')['cite'] ?? '', text: match[2] ?? '' }),
  // The quote stays on one line: a line break would start a new MDX paragraph inside it.
  toBlock: (data) =>
    `<PullQuote${writeAttributes([['cite', text(data['cite'])]])}>${text(data['text']).replace(/\s*\n\s*/g, '')}</PullQuote>`,
  toPreviewHtml: (data) => {
    const cite = text(data['cite']);
    return `<blockquote class="cms-pull-quote" data-component="pull-quote"><p>${escapeHtml(text(data['text']))}</p>${
      cite ? `<footer>——${escapeHtml(cite)}</footer>` : ''
    }</blockquote>`;
  },
};

/** One line of a fact box: "- **数字** 说明", or "- 说明" without a figure. */
interface Fact {
  figure: string;
  text: string;
}

function parseFacts(list: string): Fact[] {
  return list
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => {
      const m = /^- \*\*(.+?)\*\*(?: (.*))?$/.exec(line);
      return m ? { figure: m[1] ?? '', text: m[2] ?? '' } : { figure: '', text: line.slice(2) };
    });
}

function writeFacts(items: unknown): string {
  if (!Array.isArray(items)) return '';
  return items
    .map((item: unknown) => {
      const fact = (item ?? {}) as Record<string, unknown>;
      const figureText = text(fact['figure']).trim();
      const body = text(fact['text'])
        .replace(/\s*\n\s*/g, ' ')
        .trim();
      if (figureText === '') return `- ${body}`;
      return body === '' ? `- **${figureText}**` : `- **${figureText}** ${body}`;
    })
    .join('\n');
}

export const factBox: MdxComponent = {
  id: 'fact-box',
  label: label('cms.component.factBox'),
  fields: formFields('factBox', [factBoxPropsSchema, factBoxContentSchema], {
    items: { summary: '{{fields.figure}} {{fields.text}}' },
  }),
  pattern: new RegExp(`^<FactBox${ATTRS}>\\n\\n((?:- [^\\n]*\\n)+)\\n</FactBox>`),
  fromBlock: (match) => ({
    title: attributes(match[1] ?? '')['title'] ?? '',
    items: parseFacts(match[2] ?? ''),
  }),
  toBlock: (data) =>
    `<FactBox${writeAttributes([['title', text(data['title'])]])}>\n\n${writeFacts(data['items'])}\n\n</FactBox>`,
  toPreviewHtml: (data) => {
    const items = Array.isArray(data['items']) ? parseFacts(writeFacts(data['items'])) : [];
    const list = items
      .map(
        (f) => `<li>${f.figure ? `<strong>${escapeHtml(f.figure)}</strong> ` : ''}${escapeHtml(f.text)}</li>`,
      )
      .join('');
    // As on the site, the title is a label, not a heading: it must not enter the body's outline.
    return `<aside class="cms-fact-box" data-component="fact-box"><p class="fact-title">${escapeHtml(text(data['title']))}</p><ul>${list}</ul></aside>`;
  },
};

/** honors={["a","b"]}: a JSON array is also a valid JS expression. */
function parseHonors(source: string | undefined): string[] {
  if (source === undefined) return [];
  try {
    const value: unknown = JSON.parse(source);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

const honorsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v: unknown) => text(v).trim()).filter((v) => v !== '') : [];

export const profileCard: MdxComponent = {
  id: 'profile-card',
  label: label('cms.component.profileCard'),
  fields: formFields('profileCard', [profileCardPropsSchema]),
  pattern: /^<ProfileCard((?:\s+\w+="[^"]*")*)(?:\s+honors=\{(\[[^\n}]*\])\})?\s*\/>/,
  fromBlock: (match) => {
    const attrs = attributes(match[1] ?? '');
    return { name: attrs['name'] ?? '', title: attrs['title'] ?? '', honors: parseHonors(match[2]) };
  },
  toBlock: (data) => {
    const honors = honorsOf(data['honors']);
    return `<ProfileCard${writeAttributes([
      ['name', text(data['name'])],
      ['title', text(data['title'])],
    ])}${honors.length > 0 ? ` honors={${JSON.stringify(honors)}}` : ''} />`;
  },
  toPreviewHtml: (data) => {
    const honors = honorsOf(data['honors']);
    return `<aside class="cms-profile-card" data-component="profile-card"><p class="cms-profile-card__name">${escapeHtml(text(data['name']))}</p><p>${escapeHtml(
      text(data['title']),
    )}</p>${honors.length > 0 ? `<ul>${honors.map((h) => `<li>${escapeHtml(h)}</li>`).join('')}</ul>` : ''}</aside>`;
  },
};

export const hotlineCallout: MdxComponent = {
  id: 'hotline-callout',
  label: label('cms.component.hotlineCallout'),
  fields: formFields('hotlineCallout', [hotlineCalloutPropsSchema]),
  pattern: /^<HotlineCallout((?:\s+\w+="[^"]*")*)\s*\/>/,
  fromBlock: (match) => ({ text: attributes(match[1] ?? '')['text'] ?? '' }),
  toBlock: (data) => `<HotlineCallout${writeAttributes([['text', text(data['text'])]])} />`,
  toPreviewHtml: (data) =>
    `<aside class="cms-hotline" data-component="hotline-callout"><h2>${escapeHtml(t('cms.preview.hotline'))}</h2><p>${escapeHtml(
      text(data['text']) || t('cms.component.hotlineCallout.default'),
    )}</p></aside>`,
};

/** Every body component, in toolbar order. */
export const MDX_COMPONENTS: readonly MdxComponent[] = [
  figure,
  pullQuote,
  factBox,
  profileCard,
  hotlineCallout,
];

/**
 * Splits a body into the component blocks Decap would recognise, the way its
 * shortcode tokenizer does (each pattern anchored at a block start). Used by
 * tests to prove that every component in a sample article is picked up.
 */
export function findComponents(body: string): { id: string; text: string }[] {
  const found: { id: string; text: string }[] = [];
  const blocks = body.split(/\n\n(?=<[A-Z])/);
  for (const block of blocks) {
    const start = block.replace(/^\n+/, '');
    for (const component of MDX_COMPONENTS) {
      const match = component.pattern.exec(start);
      if (match) found.push({ id: component.id, text: match[0] });
    }
  }
  return found;
}
