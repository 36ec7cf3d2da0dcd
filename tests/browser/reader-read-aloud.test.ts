import { useSiteSession } from '../support/session.ts';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { builtArticles } from './reader-pages.ts';

const session = useSiteSession();

/** The fixture story with the most paragraphs, so reading goes through several. */
const article = (): string =>
  builtArticles().find((a) => a.includes('lin-dong-ge')) ?? builtArticles()[0] ?? '/';

interface Spoken {
  text: string;
  lang: string;
  voice: string | null;
}

/**
 * Replaces speechSynthesis with a recorder before any page script runs. The
 * test ends each utterance itself (window.__tts.end()), so reading moves on
 * exactly when the test says. cancel() fires 'end' on the utterance being
 * read, as engines do, which the page must not take as "go on".
 */
async function stubSpeech(context: BrowserContext, voiceLangs: string[], voicesLate = false): Promise<void> {
  await context.addInitScript(
    ([langs, late]) => {
      const listeners = new Set<() => void>();
      let voices = late ? [] : langs;
      let current: Utterance | null = null;
      const log = { spoken: [] as Spoken[], calls: [] as string[] };
      const synth = {
        paused: false,
        get speaking() {
          return current !== null;
        },
        getVoices: () =>
          voices.map((lang) => ({
            lang,
            name: `voice ${lang}`,
            voiceURI: lang,
            default: false,
            localService: true,
          })),
        speak(u: Utterance) {
          log.calls.push('speak');
          log.spoken.push({ text: u.text, lang: u.lang, voice: u.voice?.lang ?? null });
          current = u;
        },
        pause() {
          log.calls.push('pause');
          synth.paused = true;
        },
        resume() {
          log.calls.push('resume');
          synth.paused = false;
        },
        cancel() {
          log.calls.push('cancel');
          const u = current;
          current = null;
          synth.paused = false;
          u?.dispatchEvent(new Event('end'));
        },
        addEventListener: (_type: string, fn: () => void) => listeners.add(fn),
        removeEventListener: (_type: string, fn: () => void) => listeners.delete(fn),
      };
      // A real SpeechSynthesisUtterance refuses a voice that is not a real SpeechSynthesisVoice.
      class Utterance extends EventTarget {
        lang = '';
        voice: { lang: string } | null = null;
        rate = 1;
        onend: ((e: Event) => void) | null = null;
        onerror: ((e: Event) => void) | null = null;
        text: string;
        constructor(text: string) {
          super();
          this.text = text;
          this.addEventListener('end', (e) => this.onend?.(e));
          this.addEventListener('error', (e) => this.onerror?.(e));
        }
      }
      Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
      Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
      Object.assign(window, {
        __tts: {
          log,
          end: () => {
            const u = current;
            current = null;
            u?.dispatchEvent(new Event('end'));
          },
          loadVoices: () => {
            voices = langs;
            for (const fn of listeners) fn();
          },
        },
      });
    },
    [voiceLangs, voicesLate] as const,
  );
}

/** What the stub exposes to the test. */
interface Tts {
  log: { spoken: Spoken[]; calls: string[] };
  end: () => void;
  loadVoices: () => void;
}

declare global {
  interface Window {
    __tts?: Tts;
  }
}

const spokenCount = (page: Page, n: number) =>
  page.waitForFunction((count) => window.__tts?.log.spoken.length === count, n);
const endUtterance = (page: Page) => page.evaluate(() => window.__tts?.end());
const ttsLog = (page: Page) => page.evaluate(() => window.__tts?.log ?? { spoken: [], calls: [] });

/** The story as a reader sees it: the headline, then each text block of the body, whitespace collapsed. */
const storyText = (page: Page) =>
  page.evaluate(() => {
    const clean = (el: Element) => el.textContent.replace(/\s+/g, ' ').trim();
    const h1 = document.querySelector('h1');
    const blocks = [
      ...document.querySelectorAll('.article-body > :is(p, h2, h3, h4, blockquote, ul, ol)'),
    ].flatMap((el) => (['UL', 'OL'].includes(el.tagName) ? [...el.children] : [el]));
    return [h1 ? clean(h1) : '', ...blocks.map(clean)].filter((t) => t !== '');
  });

const current = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('.read-aloud-current');
    if (!el) return null;
    const box = el.getBoundingClientRect();
    return {
      text: el.textContent.replace(/\s+/g, ' ').trim(),
      inView: box.top < innerHeight && box.bottom > 0,
    };
  });

describe('听新闻 (read aloud)', () => {
  it('reads the headline, then the body paragraph by paragraph in zh-CN, highlighting each', async () => {
    // Reduced motion: the page then jumps to each paragraph instead of scrolling smoothly.
    const context = await session.browser.newContext({
      viewport: { width: 360, height: 800 },
      reducedMotion: 'reduce',
    });
    await stubSpeech(context, ['en-US', 'zh-CN']);
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    const expected = await storyText(page);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected[1]).toContain('在聊城开发区');

    const listen = page.getByRole('button', { name: '听新闻' });
    await listen.click();
    const status = page.getByRole('status');
    await spokenCount(page, 1);
    // Each utterance (a sentence) and the block highlighted while it is spoken. Ending one utterance starts
    // the next at once, so after the last one nothing new is spoken.
    const heard: { text: string; block: string; status: string }[] = [];
    for (let n = 1; n <= 1000; n++) {
      const { spoken } = await ttsLog(page);
      if (spoken.length < n) break;
      const now = await current(page);
      expect(now?.inView).toBe(true);
      heard.push({
        text: spoken[n - 1]?.text ?? '',
        block: now?.text ?? '',
        status: await status.innerText(),
      });
      await endUtterance(page);
    }
    await page.getByText('全文读完了。').waitFor();

    const blocks = heard.map((h) => h.block).filter((b, i, all) => b !== all[i - 1]);
    expect(blocks).toEqual(expected);
    const squash = (text: string) => text.replace(/\s+/g, '');
    for (const [i, block] of blocks.entries()) {
      const part = heard.filter((h) => h.block === block);
      // Read whole, in order, sentence by sentence.
      expect(squash(part.map((h) => h.text).join(''))).toBe(squash(block));
      expect(
        part.every(
          (h) =>
            h.status ===
            (i === 0 ? '正在朗读：标题' : `正在朗读：第 ${String(i)} 段，共 ${String(blocks.length - 1)} 段`),
        ),
      ).toBe(true);
    }
    expect(heard.length).toBeGreaterThan(expected.length);
    const { spoken } = await ttsLog(page);
    expect(spoken.every((s) => s.lang === 'zh-CN' && s.voice === 'zh-CN')).toBe(true);
    expect(await current(page)).toBeNull();
    expect(await listen.isVisible()).toBe(true);
    await context.close();
  });

  it('pauses, resumes and stops from the keyboard; a stopped reading does not go on', async () => {
    const context = await session.browser.newContext();
    // Android spells the mainland Mandarin voice this way.
    await stubSpeech(context, ['en-US', 'zh_CN_#Hans']);
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    await page.getByRole('button', { name: '听新闻' }).focus();
    await page.keyboard.press('Enter');
    await spokenCount(page, 1);
    await endUtterance(page);
    await spokenCount(page, 2);

    // Focus moved to 暂停 when reading began.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('暂停');
    await page.keyboard.press('Space');
    expect(await page.getByRole('status').innerText()).toBe('已暂停。按“继续”接着听。');
    const resume = page.getByRole('button', { name: '继续' });
    expect(await resume.isVisible()).toBe(true);
    await resume.press('Enter');
    expect(await page.getByRole('button', { name: '暂停' }).isVisible()).toBe(true);
    expect(await page.getByRole('status').innerText()).toContain('正在朗读：第 1 段');

    await page.getByRole('button', { name: '停止' }).press('Enter');
    expect(await page.getByRole('status').innerText()).toBe('已停止朗读。');
    expect(await current(page)).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.textContent.trim())).toContain('听新闻');
    const { calls, spoken } = await ttsLog(page);
    expect(calls.filter((c) => c !== 'cancel')).toEqual(['speak', 'speak', 'pause', 'resume']);
    // cancel() fired 'end' on the paragraph being read: reading must not have moved on.
    expect(spoken).toHaveLength(2);
    expect(await page.getByRole('button', { name: '暂停' }).isVisible()).toBe(false);
    await context.close();
  });

  it('waits for voices that arrive late, as Chromium loads them', async () => {
    const context = await session.browser.newContext();
    await stubSpeech(context, ['zh-CN'], true);
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    await page.getByRole('button', { name: '听新闻' }).click();
    await page.evaluate(() => window.__tts?.loadVoices());
    await spokenCount(page, 1);
    expect(await page.getByRole('status').innerText()).toBe('正在朗读：标题');
    await context.close();
  });

  it('says plainly, in Chinese, when the device has no zh-CN voice', async () => {
    const context = await session.browser.newContext();
    await stubSpeech(context, ['en-US', 'zh-HK']);
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    await page.getByRole('button', { name: '听新闻' }).click();
    const message = page.getByText('这台设备没有中文（普通话）语音');
    await message.waitFor();
    expect(await message.isVisible()).toBe(true);
    expect((await ttsLog(page)).spoken).toEqual([]);
    await context.close();
  });

  it('loads no script files on an article page (the read-aloud script is inline) and shows nothing without JavaScript', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${session.site.origin}${article()}`, { waitUntil: 'load' });
    expect(scripts).toEqual([]);
    // The server's CSP (hashes of the served inline scripts) lets the inline script run: the button shows.
    expect(await page.getByRole('button', { name: '听新闻' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();

    const noJs = await session.browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${session.site.origin}${article()}`);
    expect(await plain.getByRole('button', { name: '听新闻' }).count()).toBe(0);
    expect(await plain.locator('#read-aloud').isVisible()).toBe(false);
    await noJs.close();
  });
});
