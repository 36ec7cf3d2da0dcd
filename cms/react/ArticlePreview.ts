/**
 * The article preview: the story head as the published page shows it
 * (column, kicker, title, subtitle after "——", byline, print reference),
 * the lead photo with its caption, the summary and the body with the body
 * components' own previews.
 */
import { Component, createElement as h, type ReactNode } from 'react';
import { t } from '../../src/i18n/t.ts';
import { BodyHeadings } from './BodyHeadings.ts';
import type { MessageKey } from '../../src/i18n/zh-CN.ts';

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

interface Byline {
  author?: string;
  name?: string;
  role?: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** "本报记者 赵琦　通讯员 周宁": staff get 本报, free names as written. */
export function bylineText(entries: readonly Byline[], names: Record<string, string>): string {
  return entries
    .map((e) => {
      const role = e.role ? t(`role.${e.role}` as MessageKey) : '';
      if (e.author) return `本报${role} ${names[`authors/${e.author}`] ?? e.author}`;
      return `${role} ${e.name ?? ''}`.trim();
    })
    .filter((s) => s !== '')
    .join('　');
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

  override render() {
    const { entry, widgetFor, getAsset } = this.props;
    const data = (entry.get('data') as ImmutableLike | undefined)?.toJS() as
      Record<string, unknown> | undefined;
    const d = data ?? {};
    const authors = Array.isArray(d['authors']) ? (d['authors'] as Byline[]) : [];
    const hero = (d['hero'] ?? {}) as Record<string, unknown>;
    const edition = (d['edition'] ?? {}) as Record<string, unknown>;
    const column = str(d['column']);
    const heroImage = str(hero['image']);
    const names = this.state.names;
    return h(
      'article',
      { className: 'cms-article' },
      h(
        'header',
        { className: 'story-head' },
        column &&
          h('p', { className: 'story-column' }, h('span', null, names[`columns/${column}`] ?? column)),
        str(d['kicker']) && h('p', { className: 'kicker' }, str(d['kicker'])),
        h('h1', null, str(d['title'])),
        str(d['subtitle']) && h('p', { className: 'subtitle' }, `——${str(d['subtitle'])}`),
        h(
          'div',
          { className: 'story-meta' },
          h('p', { className: 'byline' }, bylineText(authors, names)),
          h('p', null, str(d['publishedAt'])),
          str(edition['date']) &&
            h(
              'p',
              { className: 'print-ref' },
              `${str(edition['date'])} 第 ${typeof edition['page'] === 'number' ? String(edition['page']) : ''} 版 ${str(edition['pageName'])}`,
            ),
        ),
      ),
      heroImage &&
        h(
          'figure',
          { className: 'hero' },
          h('img', { src: String(getAsset(heroImage)), alt: str(hero['alt']) }),
          (str(hero['caption']) || str(hero['credit'])) &&
            h(
              'figcaption',
              null,
              str(hero['caption']),
              str(hero['credit']) && h('span', { className: 'credit' }, str(hero['credit'])),
            ),
        ),
      str(d['summary']) && h('p', { className: 'summary' }, str(d['summary'])),
      h(BodyHeadings, { className: 'story-body' }, widgetFor('body')),
    );
  }
}
