/**
 * The story list at 10,000 stories. Decap's local and newsroom backends hand
 * the list every story file at once (8.3 MB at 2,000 stories) and the list
 * draws a card for each; its cards show only what the summary template can
 * say, and no template can tell a scheduled story (a time still to come).
 * Here the list asks the site's server for one page at a time, newest first
 * (/api/cms/search.json?page=, the same cached read of the branch as the
 * search), and Decap's own infinite scroll asks for the next page as the
 * editor scrolls. Each card's summary ends with the story's date (zh-CN,
 * Beijing time) and 草稿 or 定时. Without the server's list (a GitHub-only
 * deployment) Decap lists as before; the cards still get their note.
 */
import { Backend } from 'decap-cms-core/dist/esm/backend.js';
import { Cursor } from 'decap-cms-lib-util';
import { LIST_NOTE } from '../config.ts';
import { storyListNote } from './list-note.ts';

/** Stories per page of the list: a screen and a half of cards. */
export const PAGE_SIZE = 50;

/** What /api/cms/search.json?page= answers. */
interface ListAnswer {
  hits: { path: string; data: string }[];
  total: number;
}

function isListAnswer(value: unknown): value is ListAnswer {
  return (
    typeof value === 'object' &&
    value !== null &&
    'hits' in value &&
    Array.isArray(value.hits) &&
    'total' in value &&
    typeof value.total === 'number'
  );
}

interface EntryLike {
  data?: Record<string, unknown>;
}

const isEntryLike = (value: unknown): value is EntryLike => typeof value === 'object' && value !== null;

/** The cursor data that marks a page of this list (Decap's own cursors have none). */
const PAGE_KEY = 'storyListPage';

/** Registers the paged list and the cards' notes; once, before the CMS starts. */
export function registerStoryList(endpoint = '/api/cms/search.json', collection = 'articles'): void {
  const decapProcess = Backend.prototype.processEntries;
  const decapList = Backend.prototype.listEntries;
  const decapTraverse = Backend.prototype.traverseCursor;

  Backend.prototype.processEntries = function processEntries(entries, of) {
    const processed = decapProcess.call(this, entries, of);
    if (of.get('name') !== collection) return processed;
    const now = new Date();
    for (const entry of processed) {
      if (isEntryLike(entry) && entry.data) entry.data[LIST_NOTE] = storyListNote(entry.data, now);
    }
    return processed;
  };

  async function page(backend: Backend, of: Parameters<Backend['processEntries']>[1], index: number) {
    const response = await fetch(`${endpoint}?page=${String(index)}&size=${String(PAGE_SIZE)}`, {
      credentials: 'same-origin',
    });
    const answer: unknown = response.ok ? await response.json() : undefined;
    if (!isListAnswer(answer)) return undefined;
    const pageCount = Math.max(1, Math.ceil(answer.total / PAGE_SIZE));
    const cursor = Cursor.create({
      actions: index < pageCount ? ['next'] : [],
      data: { [PAGE_KEY]: index },
      meta: { page: index, count: answer.total, pageSize: PAGE_SIZE, pageCount },
    }).wrapData({ cursorType: 'collectionEntries', collection: of });
    const entries = backend.processEntries(
      answer.hits.map((hit) => ({ data: hit.data, file: { path: hit.path, id: null } })),
      of,
    );
    return { entries, pagination: index, cursor };
  }

  Backend.prototype.listEntries = async function listEntries(of) {
    if (of.get('name') !== collection) return decapList.call(this, of);
    // No server list (401 on a GitHub deployment, or an old server): Decap's own, every story at once.
    return (await page(this, of, 1)) ?? decapList.call(this, of);
  };

  Backend.prototype.traverseCursor = async function traverseCursor(cursor, action) {
    const [wrapper, inner] = cursor.unwrapData();
    const index = inner.data.get(PAGE_KEY);
    const of = wrapper.get('collection');
    if (typeof index !== 'number' || action !== 'next' || !isCollection(of)) {
      return decapTraverse.call(this, cursor, action);
    }
    const next = await page(this, of, index + 1);
    if (!next) throw new Error('稿件列表没有读到下一页，请刷新页面');
    return next;
  };
}

function isCollection(value: unknown): value is Parameters<Backend['processEntries']>[1] {
  return typeof value === 'object' && value !== null && 'get' in value && typeof value.get === 'function';
}
