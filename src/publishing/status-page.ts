import { t } from '../i18n/t.ts';
import { formatDateTime } from '../lib/dates.ts';
import type { CommitInfo } from './git.ts';
import type { FailedBuild, PublishStatus } from './status.ts';

/** The status page's address, linked from the CMS. */
export const STATUS_PATH = '/admin/publishing/';
/** The same state for the CMS's status badge. */
export const STATUS_JSON_PATH = '/admin/publishing/status.json';
/** Where a Git host's push webhook asks the publisher to pull. */
export const HOOK_PATH = '/admin/publishing/hook';

const REFRESH_BUSY = 3;
const REFRESH_IDLE = 15;

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);
}

function when(iso: string): string {
  return formatDateTime(new Date(iso));
}

function commitLine(commit: CommitInfo): string {
  return `<p><code>${escape(commit.sha.slice(0, 7))}</code> ${escape(commit.subject)}<br><span class="muted">${escape(t('publishing.by', { author: commit.author, time: when(commit.date) }))}</span></p>`;
}

function failureSection(failure: FailedBuild): string {
  const rows = failure.problems
    .map(
      (p) =>
        `<tr><td><code>${escape(p.file)}</code></td><td>${escape(p.field || '—')}</td><td>${escape(p.message)}</td></tr>`,
    )
    .join('');
  const table =
    rows === ''
      ? ''
      : `<table><thead><tr><th scope="col">${t('publishing.failure.file')}</th><th scope="col">${t(
          'publishing.failure.field',
        )}</th><th scope="col">${t('publishing.failure.fix')}</th></tr></thead><tbody>${rows}</tbody></table>`;
  const details =
    failure.details.length === 0
      ? ''
      : `<h3>${t('publishing.failure.details')}</h3><pre>${escape(failure.details.join('\n'))}</pre>`;
  return `<section class="failure" aria-labelledby="failure-title"><h2 id="failure-title">${t(
    'publishing.failure',
  )}</h2>${commitLine(failure.commit)}${table}${details}<p>${t('publishing.failure.howto')}</p></section>`;
}

/**
 * The publishing status page: what is live, what is building and at which
 * step, what waits, the next scheduled story, and for a failed build every
 * problem with its file, field and fix. Plain HTML that refreshes itself, so
 * it works without JavaScript.
 */
export function renderStatusPage(status: PublishStatus | undefined, now: number = Date.now()): string {
  const live = status?.live;
  const building = status?.building;
  const busy = building !== undefined || live === undefined;
  const refresh = busy ? REFRESH_BUSY : REFRESH_IDLE;
  const liveSection = live
    ? `${commitLine(live.commit)}<p>${escape(
        t('publishing.live.summary', {
          stories: live.stories,
          time: when(live.liveAt),
          seconds: live.seconds.toFixed(1),
        }),
      )}</p>`
    : `<p>${t('publishing.live.none')}</p>`;
  const buildingSection = building
    ? `${commitLine(building.commit)}<p>${escape(t('publishing.building.reason', { reason: building.reason }))}</p><p><strong>${escape(
        t('publishing.building.phase', {
          phase: t(`publishing.phase.${building.phase}`),
          seconds: Math.max(0, (now - Date.parse(building.startedAt)) / 1000).toFixed(0),
        }),
      )}</strong></p>`
    : `<p>${t('publishing.building.none')}</p>`;
  const queued = status?.queued
    ? `<section aria-labelledby="queued-title"><h2 id="queued-title">${t('publishing.queued')}</h2><p>${t(
        'publishing.queued.text',
      )}</p>${commitLine(status.queued)}</section>`
    : '';
  const next = status?.next
    ? `<section aria-labelledby="next-title"><h2 id="next-title">${t('publishing.next')}</h2><p>${escape(
        t('publishing.next.text', { title: status.next.title, time: when(status.next.at) }),
      )}</p></section>`
    : '';
  const history = (status?.history ?? [])
    .map(
      (h) =>
        `<tr><td>${escape(when(h.at))}</td><td><code>${escape(h.commit.sha.slice(0, 7))}</code> ${escape(
          h.commit.subject,
        )}</td><td>${escape(h.commit.author)}</td><td>${t(`publishing.result.${h.result}`)}</td><td>${h.seconds.toFixed(1)} 秒</td></tr>`,
    )
    .join('');
  const historySection =
    history === ''
      ? ''
      : `<section aria-labelledby="history-title"><h2 id="history-title">${t('publishing.history')}</h2><table><thead><tr><th scope="col">${t(
          'publishing.history.time',
        )}</th><th scope="col">${t('publishing.history.commit')}</th><th scope="col">${t(
          'publishing.history.author',
        )}</th><th scope="col">${t('publishing.history.result')}</th><th scope="col">${t(
          'publishing.history.seconds',
        )}</th></tr></thead><tbody>${history}</tbody></table></section>`;
  const body = `<p><a href="/admin/">${t('publishing.back')}</a></p>
<h1>${t('publishing.title')}</h1>
<p>${t('publishing.intro')}</p>
${status?.failure ? failureSection(status.failure) : ''}
<section aria-labelledby="live-title"><h2 id="live-title">${t('publishing.live')}</h2>${liveSection}</section>
<section aria-labelledby="building-title" aria-live="polite"><h2 id="building-title">${t('publishing.building')}</h2>${buildingSection}</section>
${queued}${next}${historySection}
<p class="muted">${escape(t('publishing.refresh', { seconds: refresh }))}</p>`;
  return page(t('publishing.title'), body, refresh);
}

/** What the CMS badge shows: the state in one line, without the server's folders. */
export interface BadgeState {
  state: 'building' | 'failed' | 'live' | 'none';
  text: string;
}

/** The one line the CMS shows beside its header, in the same words as the status page. */
export function publicStatus(status: PublishStatus | undefined, now: number = Date.now()): BadgeState {
  if (status?.building) {
    const seconds = Math.max(0, (now - Date.parse(status.building.startedAt)) / 1000).toFixed(0);
    return {
      state: 'building',
      text: `${t('publishing.building')}：${t(`publishing.phase.${status.building.phase}`)}（${seconds} 秒）`,
    };
  }
  if (status?.failure) return { state: 'failed', text: t('publishing.badge.failed') };
  if (status?.live) {
    return {
      state: 'live',
      text: t('publishing.badge.live', {
        sha: status.live.commit.sha.slice(0, 7),
        time: when(status.live.liveAt),
      }),
    };
  }
  return { state: 'none', text: t('publishing.live.none') };
}

/** The page every address answers with (503) until the first build is live. */
export function renderStartingPage(url: string, status?: PublishStatus): string {
  if (url.startsWith(STATUS_PATH)) return renderStatusPage(status);
  const link = `<p><a href="${STATUS_PATH}">${t('publishing.title')}</a></p>`;
  return page(
    t('publishing.starting.title'),
    `<h1>${t('publishing.starting.title')}</h1><p>${t('publishing.starting.text')}</p>${link}`,
    REFRESH_BUSY,
    true,
  );
}

/** The stylesheet of both pages; served inline, so the CSP lists its hash. */
const STATUS_STYLE =
  'body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;line-height:1.7;max-inline-size:60rem;margin-inline:auto;padding:1rem;color:#1c1c1c;background:#fdfcf9}' +
  'h1{font-size:1.6rem}h2{font-size:1.2rem;margin-block-start:1.5rem;border-block-start:3px solid #b0161e;padding-block-start:.25rem}' +
  '.muted{color:#595959}.failure{background:#fbf3e2;padding:.5rem 1rem;border-inline-start:4px solid #b0161e}' +
  'table{border-collapse:collapse;inline-size:100%}th,td{border:1px solid #d8d2c4;padding:.25rem .5rem;text-align:start;vertical-align:top}' +
  'pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f1e8;padding:.5rem}a{color:#8a1016}';

/**
 * Keeps the page current without reloading it under the reader: every few seconds it fetches the page again
 * and swaps the main content only when it changed (a meta refresh would reload on a timer, which WCAG 2.2.1
 * forbids). The first-build page reloads once the site answers. Without JavaScript the page is still whole;
 * the reader reloads it by hand.
 */
const REFRESH_SCRIPT =
  'const s=Number(document.documentElement.dataset.refresh)*1000;setInterval(async()=>{try{' +
  "const r=await fetch(location.href,{cache:'no-store'});" +
  'if(document.documentElement.dataset.starting!==undefined){if(r.status!==503)location.reload();return}' +
  "const n=new DOMParser().parseFromString(await r.text(),'text/html').querySelector('main');" +
  "const c=document.querySelector('main');if(n&&c&&n.innerHTML!==c.innerHTML)c.innerHTML=n.innerHTML" +
  '}catch{}},s);';

function page(title: string, body: string, refresh: number, starting = false): string {
  return `<!doctype html>
<html lang="zh-CN" data-refresh="${String(refresh)}"${starting ? ' data-starting' : ''}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)} · 水城·温度</title><style>${STATUS_STYLE}</style></head>
<body><main>${body}</main><script>${REFRESH_SCRIPT}</script></body></html>`;
}
