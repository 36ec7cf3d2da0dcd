/**
 * Turns the corpus's MDX article bodies into plain Markdown for the
 * baselines. The five MDX components become either raw HTML (for the
 * bare Astro `.md` site, where CommonMark passes HTML blocks through and
 * Markdown between blank lines inside them still renders) or Hugo
 * shortcodes with equivalent HTML templates (for Hugo).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Attributes = Record<string, string | string[]>;

const COMPONENT =
  /<(PullQuote|FactBox|ProfileCard|HotlineCallout|Figure)((?:\s+\w+=(?:"[^"]*"|\{[^}]*\}))*)\s*(\/?)>/g;
const CLOSE = /<\/(PullQuote|FactBox|ProfileCard|HotlineCallout|Figure)>/g;

function parseAttributes(source: string): Attributes {
  const attributes: Attributes = {};
  for (const match of source.matchAll(/(\w+)=(?:"([^"]*)"|\{([^}]*)\})/g)) {
    const [, name = '', text, expression] = match;
    if (text !== undefined) attributes[name] = text;
    else if (expression !== undefined) {
      const value: unknown = JSON.parse(expression);
      attributes[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
  }
  return attributes;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const text = (a: Attributes, key: string) => {
  const value = a[key];
  return Array.isArray(value) ? value.join('、') : (value ?? '');
};

/** MDX body → Markdown with the components written out as HTML. */
export function toHtmlMarkdown(body: string): string {
  return body
    .replace(COMPONENT, (_all, name: string, attrs: string) => {
      const a = parseAttributes(attrs);
      switch (name) {
        case 'PullQuote':
          return `<blockquote class="pull-quote" data-cite="${escape(text(a, 'cite'))}">`;
        case 'FactBox':
          return `<aside class="fact-box"><h2>${escape(text(a, 'title'))}</h2>`;
        case 'Figure':
          return `<figure><figcaption>${escape(text(a, 'caption'))} ${escape(text(a, 'credit'))}</figcaption>`;
        case 'ProfileCard':
          return `<aside class="profile-card"><p>${escape(text(a, 'name'))}</p><p>${escape(text(a, 'title'))}</p><p>${escape(text(a, 'honors'))}</p></aside>`;
        default:
          return `<aside class="hotline"><p>${escape(text(a, 'text') || '新闻热线')}</p></aside>`;
      }
    })
    .replace(CLOSE, (_all, name: string) =>
      name === 'PullQuote'
        ? '</blockquote>'
        : name === 'Figure'
          ? '</figure>'
          : name === 'HotlineCallout'
            ? ''
            : '</aside>',
    );
}

/** MDX body → Markdown with Hugo shortcodes (`{{% %}}` where the inside is Markdown). */
export function toHugoMarkdown(body: string): string {
  const markdownInside = new Set(['FactBox', 'Figure']);
  const shortcode: Record<string, string> = {
    PullQuote: 'pullquote',
    FactBox: 'factbox',
    ProfileCard: 'profilecard',
    HotlineCallout: 'hotline',
    Figure: 'figurebox',
  };
  return body
    .replace(COMPONENT, (_all, name: string, attrs: string) => {
      const a = parseAttributes(attrs);
      const params = Object.entries(a)
        .map(([k, v]) => `${k}="${(Array.isArray(v) ? v.join('|') : v).replace(/"/g, '\\"')}"`)
        .join(' ');
      const [open, close] = markdownInside.has(name) ? ['{{%', '%}}'] : ['{{<', '>}}'];
      // A self-closing component becomes a shortcode without an end tag.
      return `${open} ${shortcode[name] ?? name} ${params} ${close}`;
    })
    .replace(CLOSE, (_all, name: string) => {
      const [open, close] = markdownInside.has(name) ? ['{{%', '%}}'] : ['{{<', '>}}'];
      return `${open} /${shortcode[name] ?? name} ${close}`;
    });
}

/**
 * Writes `to/<slug>/index.md` for every `from/<slug>/index.mdx`, converting
 * the body with `convert` and copying photos beside it. Frontmatter is kept
 * as is.
 */
export function convertTree(from: string, to: string, convert: (body: string) => string): number {
  rmSync(to, { recursive: true, force: true });
  let n = 0;
  for (const slug of readdirSync(from)) {
    const folder = join(from, slug);
    mkdirSync(join(to, slug), { recursive: true });
    for (const name of readdirSync(folder)) {
      if (name === 'index.mdx') {
        const source = readFileSync(join(folder, name), 'utf8');
        const end = source.indexOf('\n---\n', 4);
        const head = source.slice(0, end + 5);
        writeFileSync(join(to, slug, 'index.md'), head + convert(source.slice(end + 5)));
        n += 1;
      } else {
        copyFileSync(join(folder, name), join(to, slug, name));
      }
    }
  }
  return n;
}
