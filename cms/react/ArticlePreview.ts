/**
 * The article preview, drawn with the site's own markup and styles: the
 * story head as ArticleHeader prints it (column, kicker, title, subtitle,
 * the byline grouped by src/lib/bylines.ts, the time and print reference in
 * zh-CN dates, reading time), the lead photo with the credit set right, the
 * standfirst and the body with first-line indents. The site's stylesheets
 * and scope attributes come from a published page (cms/site-template.ts).
 */
import { Component, createElement as h, type ReactNode } from 'react';
import { t } from '../../src/i18n/t.ts';
import { groupBylines, type BylinePerson } from '../../src/lib/bylines.ts';
import { formatCalendarDay, formatDateTime } from '../../src/lib/dates.ts';
import { readingMinutes } from '../../src/lib/reading-time.ts';
import { parseNewsroomDate } from '../../src/schemas/common.ts';
import { BYLINE_ROLES, type BylineRole } from '../../src/schemas/author.ts';
import type { PagePart, SiteTemplate } from '../site-template.ts';
import { StoryBody } from './StoryBody.ts';

/** The slice of Decap's Immutable maps used here. */
interface ImmutableLike {
  get: (key: string) => unknown;
  getIn: (path: (string | number)[]) => unknown;
  toJS: () => unknown;
}

/** What Decap passes to a preview template (the parts used here). */
export interface PreviewProps {
  entry: ImmutableLike;
  widgetFor: (name: string) => ReactNode;
  getAsset: (path: string, field?: unknown) => unknown;
  getCollection: (name: string) => Promise<ImmutableLike[]>;
}

interface State {
  /** Author and column names by id, fetched once. */
  names: Record<string, string>;
}

interface BylineEntry {
  author?: string;
  name?: string;
  role?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const isRole = (v: unknown): v is BylineRole => BYLINE_ROLES.some((r) => r === v);
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** The site's template, set once before the CMS starts (cms/main.ts). */
let template: SiteTemplate | undefined;

/** Gives the preview the site's scopes; the stylesheets are registered with Decap by the caller. */
export function setPreviewTemplate(found: SiteTemplate | undefined): void {
  template = found;
}

/** Props for an element of `part`: its class and the part's scope attribute. */
const on = (part: PagePart, className?: string): Record<string, string> => ({
  ...(className ? { className } : {}),
  ...template?.scopes[part],
});

/** Byline entries of the form as the site's byline helper takes them; staff names looked up. */
export function bylinePeople(entries: readonly BylineEntry[], names: Record<string, string>): BylinePerson[] {
  return entries.flatMap((e) => {
    if (!isRole(e.role)) return [];
    if (e.author)
      return [{ role: e.role, name: names[`authors/${e.author}`] ?? e.author, authorId: e.author }];
    return e.name ? [{ role: e.role, name: e.name }] : [];
  });
}

/** A Beijing wall time from the form ("2026-04-26 07:50") as the site prints it, or the text as typed. */
function shownTime(value: string): string {
  const date = parseNewsroomDate(value);
  return date instanceof Date && !Number.isNaN(date.getTime()) ? formatDateTime(date) : value;
}

export class ArticlePreview extends Component<PreviewProps, State> {
  override state: State = { names: {} };

  override componentDidMount(): void {
    void Promise.all(
      (['authors', 'columns'] as const).map(async (collection) => {
        const entries = await this.props.getCollection(collection);
        return entries.map(
          (e) => [`${collection}/${str(e.get('slug'))}`, str(e.getIn(['data', 'name']))] as const,
        );
      }),
    )
      .then((lists) => {
        this.setState({ names: Object.fromEntries(lists.flat()) });
      })
      .catch(() => {
        // Without names the preview shows ids; nothing else depends on them.
      });
  }

  private head(d: Record<string, unknown>): ReactNode {
    const names = this.state.names;
    const column = str(d['column']);
    const edition = record(d['edition']);
    const groups = groupBylines(bylinePeople(Array.isArray(d['authors']) ? d['authors'] : [], names));
    const published = str(d['publishedAt']);
    return h(
      'header',
      on('head', 'story-head'),
      column && h('p', on('head', 'story-column'), h('a', on('head'), names[`columns/${column}`] ?? column)),
      str(d['kicker']) && h('p', on('head', 'kicker'), str(d['kicker'])),
      h('h1', on('head'), str(d['title'])),
      str(d['subtitle']) && h('p', on('head', 'subtitle'), str(d['subtitle'])),
      h(
        'div',
        on('head', 'story-meta'),
        h(
          'p',
          on('head'),
          h(
            'span',
            on('byline', 'byline'),
            groups.map((group, i) =>
              h(
                'span',
                { ...on('byline', 'byline-group'), key: i },
                `${group.label} ${group.people.map((p) => p.name).join(' ')}`,
              ),
            ),
          ),
        ),
        h(
          'p',
          on('head'),
          published && h('time', on('head'), shownTime(published)),
          h('span', on('head'), t('article.readingTime', { minutes: readingMinutes(str(d['body'])) })),
        ),
        str(edition['date']) &&
          h(
            'p',
            on('head', 'print-ref'),
            h(
              'a',
              on('head'),
              t('article.printRef', {
                date: formatCalendarDay(str(edition['date'])),
                page: typeof edition['page'] === 'number' ? edition['page'] : str(edition['page']),
                pageName: str(edition['pageName']),
              }),
            ),
          ),
      ),
    );
  }

  override render() {
    const { entry, widgetFor, getAsset } = this.props;
    const d = record((entry.get('data') as ImmutableLike | undefined)?.toJS());
    const hero = record(d['hero']);
    const heroImage = str(hero['image']);
    const caption = str(hero['caption']);
    const credit = str(hero['credit']);
    return h(
      'article',
      on('story', 'story'),
      this.head(d),
      heroImage &&
        h(
          'figure',
          on('hero', 'hero'),
          h('img', { ...on('hero'), src: String(getAsset(heroImage)), alt: str(hero['alt']) }),
          (caption || credit) &&
            h('figcaption', on('caption'), caption, credit && h('span', on('caption', 'credit'), credit)),
        ),
      str(d['summary']) && h('p', on('story', 'standfirst'), str(d['summary'])),
      h(
        StoryBody,
        {
          className: 'article-body',
          scope: template?.scopes.story ?? {},
          inner: [['figcaption, figcaption .credit', template?.scopes.caption ?? {}]],
        },
        widgetFor('body'),
      ),
    );
  }
}
