import { useSiteSession } from '../support/session.ts';
import { describe, expect, it } from 'vitest';
import { runAxe } from '../support/axe.ts';
import { recordForeignRequests } from '../support/browser.ts';
import { pageTypes } from './reader-pages.ts';
import { LARGEST, presetMode } from './elder-helpers.ts';

const session = useSiteSession();

// The hotline is another area's page, but the 长者模式 reaches it too (its contact list once overflowed at 超大).
const pages: Record<string, string> = { ...pageTypes(), '404': '/no-such-page/', hotline: '/hotline/' };

describe('accessibility of every page type', () => {
  for (const elder of [false, true]) {
    it(`has no axe violations${elder ? ' with the largest 长者模式 (text, contrast, spacing, targets)' : ''}, on a phone and on a desktop`, async () => {
      const problems: string[] = [];
      for (const viewport of [
        { width: 360, height: 800 },
        { width: 1280, height: 900 },
      ]) {
        // axe is injected as a script, which the pages' CSP would refuse.
        const context = await session.browser.newContext({ viewport, bypassCSP: true });
        if (elder) await presetMode(context, LARGEST);
        const page = await context.newPage();
        const foreign = recordForeignRequests(page);
        for (const [type, path] of Object.entries(pages)) {
          await page.goto(`${session.site.origin}${path}`);
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (lang !== 'zh-CN') problems.push(`${type}: lang is "${lang}"`);
          if (elder)
            expect(await page.evaluate(() => document.documentElement.dataset['contrast'])).toBe('high');
          for (const v of await runAxe(page)) {
            problems.push(
              `${String(viewport.width)}px ${type} ${path}: ${v.id} (${v.help}) ${v.targets.join(', ')}`,
            );
          }
          // Nothing may overflow sideways on a 360px phone.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          if (overflow > 0)
            problems.push(`${String(viewport.width)}px ${type}: scrolls sideways by ${String(overflow)}px`);
        }
        expect(foreign).toEqual([]);
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }

  it('starts keyboard navigation with a visible skip link that moves focus to the content', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.site.origin}${pages['article with photo'] ?? '/'}`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: '跳到正文' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The next Tab lands inside the content, not back in the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    await page.close();
  });

  it('shows a focus ring on links reached by keyboard', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.site.origin}/`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? getComputedStyle(el).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
    await page.close();
  });
});
