import { useSiteSession } from '../support/session.ts';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runAxe } from '../support/axe.ts';
import { builtArticles, fileOf } from './reader-pages.ts';
import {
  allModes,
  ELDER_KEY,
  LARGEST,
  measureContrast,
  modeName,
  presetMode,
  smallTargets,
  type ElderMode,
} from './elder-helpers.ts';

const session = useSiteSession();

const article = (): string =>
  builtArticles().find((a) => readFileSync(fileOf(a), 'utf8').includes('class="hero')) ?? '/';

/** Text, links and controls whose contrast every combination must keep. */
const CONTRAST_TARGETS = {
  body: 'main p:not(:empty)',
  muted: '.story-meta, .page-head p, .muted',
  link: 'main a, .site-footer a',
  nav: '.site-header nav a',
  control: 'summary, button, .elder-choice label, .elder-choice legend',
  highlight: '.read-aloud-current',
};

/** Controls that must meet the hit-target size: everything but links inside running text. */
const CONTROLS =
  'button, summary, select, input:not([type=radio], [type=checkbox], [type=hidden]), .elder-choice label, nav a, footer a, .target a';

/** The 长者模式 attributes on <html> (the dataset also holds Astro's scoping attribute). */
const elderAttrs = (page: Page) =>
  page.evaluate(() => {
    const { textSize, contrast, lineSpacing, targets } = document.documentElement.dataset;
    return Object.fromEntries(
      Object.entries({ textSize, contrast, lineSpacing, targets }).filter(([, v]) => v !== undefined),
    );
  });

const fontSize = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const el = document.querySelector(sel) ?? document.documentElement;
    const style = getComputedStyle(el);
    return { size: parseFloat(style.fontSize), lineHeight: parseFloat(style.lineHeight) };
  }, selector);

/** The root font size on a 360px phone at the standard text size (tokens.css: 1.0625rem). */
const STANDARD_PX = 17;

async function checkMode(page: Page, mode: ElderMode, path: string, problems: string[], figures: string[]) {
  await page.goto(`${session.site.origin}${path}`);
  const where = `${modeName(mode)} ${path}`;
  const attrs = await page.evaluate(() =>
    Object.fromEntries(Object.entries(document.documentElement.dataset)),
  );
  for (const name of ['text-size', 'contrast', 'line-spacing', 'targets'] as const) {
    const value = mode[name];
    const key = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    const expected = ['1', 'standard'].includes(value) ? undefined : value;
    if (attrs[key] !== expected) problems.push(`${where}: data-${name} is ${String(attrs[key])}`);
  }
  // The panel is open so its controls are checked too; one paragraph shows the read-aloud highlight.
  await page.locator('summary', { hasText: '长者模式' }).click();
  await page.evaluate(() => document.querySelector('.article-body > p')?.classList.add('read-aloud-current'));

  for (const v of await runAxe(page)) problems.push(`${where}: ${v.id} (${v.help}) ${v.targets.join(', ')}`);

  const samples = await measureContrast(page, CONTRAST_TARGETS);
  const least = mode.contrast === 'high' ? 7 : 4.5;
  for (const s of samples)
    if (s.ratio < least)
      problems.push(`${where}: ${s.what} contrast ${s.ratio.toFixed(2)} < ${String(least)}`);
  const worst = (what: string) => {
    const ratios = samples.filter((s) => s.what.startsWith(`${what} `)).map((s) => s.ratio);
    return ratios.length === 0 ? '–' : Math.min(...ratios).toFixed(1);
  };
  figures.push(
    `| ${modeName(mode)} | ${path === '/' ? 'home' : 'article'} | ${Object.keys(CONTRAST_TARGETS).map(worst).join(' | ')} |`,
  );

  const min = mode.targets === 'large' ? 60 : 24;
  for (const small of await smallTargets(page, CONTROLS, min))
    problems.push(`${where}: target ${small} < ${String(min)}px`);
  // The panel's own controls and the read-aloud buttons are at least 44px in every mode.
  for (const small of await smallTargets(
    page,
    '.elder-panel summary, .elder-choice label, .elder-form button, .read-aloud button',
    44,
  ))
    problems.push(`${where}: panel target ${small} < 44px`);

  // A label wider than its control is cut off or spills out of it.
  const clipped = await page.evaluate(
    (sel) =>
      [...document.querySelectorAll(sel)]
        .filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 12)}"`),
    CONTROLS,
  );
  for (const c of clipped) problems.push(`${where}: label does not fit its control: ${c}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`${where}: scrolls sideways by ${String(overflow)}px`);

  const root = await fontSize(page, 'html');
  const scale = { '1': 1, '2': 1.25, '3': 1.5, '4': 2 }[mode['text-size']];
  if (Math.abs(root.size - STANDARD_PX * scale) > 0.1)
    problems.push(`${where}: text ${String(root.size)}px, expected ${String(STANDARD_PX * scale)}px`);
  const body = await fontSize(page, 'main p');
  const spacing = body.lineHeight / body.size;
  if (mode['line-spacing'] === 'wide' ? spacing < 2.2 : spacing < 1.5)
    problems.push(`${where}: line height ${spacing.toFixed(2)}`);
}

describe('长者模式 (适老化): text size, contrast, line spacing and hit targets', () => {
  for (const size of ['1', '2', '3', '4'] as const) {
    it(`text size ${size}: every combination is axe clean, keeps its contrast and its hit targets`, async () => {
      const problems: string[] = [];
      const figures: string[] = [];
      for (const mode of allModes().filter((m) => m['text-size'] === size)) {
        // axe is injected as a script, which the pages' CSP would refuse.
        const context = await session.browser.newContext({
          viewport: { width: 360, height: 800 },
          bypassCSP: true,
        });
        await presetMode(context, mode);
        const page = await context.newPage();
        for (const path of [article(), '/']) await checkMode(page, mode, path, problems, figures);
        await context.close();
      }
      console.log(figures.join('\n'));
      expect(problems).toEqual([]);
    });
  }

  it('is chosen from the keyboard, applies at once and is remembered on the next page and after a reload', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    const before = await fontSize(page, '.article-body p');
    const summary = page.locator('summary', { hasText: '长者模式' });
    await summary.focus();
    await page.keyboard.press('Enter');
    const textSize = page.getByRole('group', { name: '字号' });
    await textSize.getByRole('radio', { name: '标准' }).focus();
    // Arrow keys move through a radio group and select as they go: 大, 特大, 超大.
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    expect(await textSize.getByRole('radio', { name: '超大' }).isChecked()).toBe(true);
    await page.getByRole('group', { name: '配色' }).getByRole('radio', { name: '高对比' }).check();
    await page.getByRole('group', { name: '按钮' }).getByRole('radio', { name: '加大' }).check();
    expect((await fontSize(page, '.article-body p')).size).toBeCloseTo(before.size * 2, 0);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(0, 0, 0)',
    );
    await page.keyboard.press('Escape');
    expect(await page.locator('#elder-panel').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '首页' }).click();
    await page.waitForURL(`${session.site.origin}/`);
    const onHome = await page.evaluate(() =>
      Object.fromEntries(Object.entries(document.documentElement.dataset)),
    );
    expect(onHome).toMatchObject({ textSize: '4', contrast: 'high', targets: 'large' });
    expect(onHome.lineSpacing).toBeUndefined();
    // The closed panel's radios show the saved choice.
    expect(await page.locator('input[name=elder-text-size][value="4"]').isChecked()).toBe(true);
    expect(await page.locator('input[name=elder-contrast][value=high]').isChecked()).toBe(true);

    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset['textSize'])).toBe('4');
    await page.locator('summary', { hasText: '长者模式' }).click();
    await page.getByRole('button', { name: '恢复默认' }).click();
    expect(await elderAttrs(page)).toEqual({});
    expect(await page.getByRole('radio', { name: '标准' }).first().isChecked()).toBe(true);
    await page.reload();
    expect(await elderAttrs(page)).toEqual({});
    await context.close();
  });

  it('applies the saved choice before the first frame is painted, so the default never flashes', async () => {
    const html = readFileSync(fileOf(article()), 'utf8');
    const script = html.indexOf(`localStorage.getItem('${ELDER_KEY}')`);
    expect(script).toBeGreaterThan(0);
    expect(script).toBeLessThan(html.indexOf('<body'));
    expect(script).toBeLessThan(html.search(/<link rel="stylesheet"|<style/));

    const context = await session.browser.newContext({ viewport: { width: 360, height: 800 } });
    await presetMode(context, LARGEST);
    await context.addInitScript(() => {
      // The first animation frame runs before the first paint.
      requestAnimationFrame(() => {
        const style = getComputedStyle(document.documentElement);
        sessionStorage.setItem('first-frame', `${style.fontSize} ${style.backgroundColor}`);
      });
    });
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    await page.waitForFunction(() => sessionStorage.getItem('first-frame') !== null);
    expect(await page.evaluate(() => sessionStorage.getItem('first-frame'))).toBe('34px rgb(0, 0, 0)');
    await context.close();
  });

  it('without JavaScript: the page reads normally and the panel still works on the page in view', async () => {
    const context = await session.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 800 },
    });
    const page = await context.newPage();
    await page.goto(`${session.site.origin}${article()}`);
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect((await page.locator('.article-body p').first().innerText()).length).toBeGreaterThan(20);
    const before = await fontSize(page, '.article-body p');
    await page.locator('summary', { hasText: '长者模式' }).click();
    expect(await page.getByText('浏览器没有运行脚本').isVisible()).toBe(true);
    await page.getByRole('radio', { name: '特大' }).check();
    await page.getByRole('radio', { name: '高对比' }).check();
    expect((await fontSize(page, '.article-body p')).size).toBeCloseTo(before.size * 1.5, 0);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(0, 0, 0)',
    );
    // "恢复默认" is a reset button: no script needed.
    await page.getByRole('button', { name: '恢复默认' }).click();
    expect((await fontSize(page, '.article-body p')).size).toBeCloseTo(before.size, 0);
    await page.getByRole('link', { name: '长者模式说明' }).click();
    await page.waitForURL('**/about/#elder');
    expect(await page.locator('#elder + p').innerText()).toContain('长者模式');
    await context.close();
  });
});
