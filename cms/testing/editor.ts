/**
 * Playwright steps an editor takes in Decap CMS, shared by the CMS browser
 * tests. Locators use what an editor sees (button names in Chinese) or the
 * ids Decap derives from field names (`<name>-field-<n>`).
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** The /admin/ address pointing the CMS at decap-server on `port`. */
export function admin(origin: string, port: number, hash = ''): string {
  return `${origin}/admin/?decap=${String(port)}${hash}`;
}

/** Logs in to the local backend (no password: it only listens on loopback). */
export async function login(page: Page): Promise<void> {
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * Types Chinese the way an input method does: a composition that shows
 * pinyin, then the chosen characters committed with Input.insertText.
 */
export async function composeChinese(page: Page, steps: readonly string[], commit: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  for (const text of steps) {
    await cdp.send('Input.imeSetComposition', {
      text,
      selectionStart: text.length,
      selectionEnd: text.length,
    });
  }
  await cdp.send('Input.insertText', { text: commit });
  await cdp.detach();
}

/**
 * Picks an option in a select or relation field (react-select): focuses the
 * n-th field whose id starts with `name`, types the label to filter, and
 * clicks the option.
 */
export async function choose(page: Page, name: string, label: string, nth = 0): Promise<void> {
  const input = page.locator(`input[id^="${name}-field"]`).nth(nth);
  await input.click();
  await input.pressSequentially(label.slice(0, 2), { delay: 20 });
  await page.getByRole('option', { name: label, exact: true }).first().click();
}

/**
 * Waits until the editor page has stopped changing for `quietMs`. Decap mounts
 * the rich-text body after the entry loads and re-renders it as the preview
 * pane and widgets settle; a click in that window can put the caret in a
 * paragraph that is replaced a moment later, and what is typed next is lost.
 */
export async function waitForSettledEditor(page: Page, quietMs = 750): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { lastMutation?: number };
    w.lastMutation = performance.now();
    new MutationObserver(() => {
      w.lastMutation = performance.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  await page.waitForFunction(
    (quiet) =>
      performance.now() - ((window as unknown as { lastMutation?: number }).lastMutation ?? 0) > quiet,
    quietMs,
    { timeout: 20_000 },
  );
}

/** Saves the entry and waits for Decap to confirm. */
export async function saveEntry(page: Page): Promise<void> {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByText('修改已保存').first().waitFor({ timeout: 30_000 });
}

/** Moves a saved entry to 就绪 and publishes it from the editor toolbar. */
export async function publishFromEditor(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^状态/ }).click();
  await page.getByRole('menuitem', { name: '审核中' }).click();
  await page.getByRole('button', { name: /^状态/ }).click();
  await page.getByRole('menuitem', { name: '就绪' }).click();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  // Decap asks with window.confirm("你确定要发布此内容吗？").
  page.once('dialog', (dialog) => {
    void dialog.accept();
  });
  await page.getByRole('menuitem', { name: '立即发布' }).click();
  await page.getByText('内容已发布').first().waitFor({ timeout: 30_000 });
}

/** In the open media library: uploads a file and chooses it. */
export async function uploadImage(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByText('上传', { exact: true }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: '选用已选中项目' }).click();
}

/** The control of an object or list field: Decap gives it the id `<name>-field-<n>`. */
export function group(page: Page, name: string): Locator {
  return page.locator(`div[id^="${name}-field"]`).first();
}

/** Opens a collapsed object field such as 题图 or 人物. */
export async function expand(page: Page, name: string): Promise<void> {
  await group(page, name).getByRole('button', { name: 'Expand' }).first().click();
}

/** Inserts a body component from the rich-text toolbar's 添加组件 menu. */
export async function insertComponent(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: '添加组件' }).click();
  await page.getByRole('menuitem', { name: label }).click();
}

/**
 * Opens a saved article in the editor from a fresh page load (a hash-only
 * change would keep the last editor), logging in again if Decap asks.
 */
export async function openArticle(page: Page, origin: string, port: number, slug: string): Promise<void> {
  await page.goto(admin(origin, port, `#/collections/articles/entries/${slug}/index`));
  await page.reload();
  const loginButton = page.getByRole('button', { name: '登录' });
  const locked = page.getByTestId('slug-locked');
  await Promise.race([loginButton.waitFor({ timeout: 20_000 }), locked.waitFor({ timeout: 20_000 })]);
  if (await loginButton.isVisible()) await loginButton.click();
  await page
    .getByTestId('slug-locked')
    .filter({ hasText: new RegExp(`^${slug}$`) })
    .waitFor({ timeout: 20_000 });
}

/**
 * Opens /admin/ at `hash` in a new tab, logging in if Decap asks (it keeps
 * the login of earlier tabs), and waits for the collections' menu.
 */
export async function openAdmin(page: Page, origin: string, port: number, hash = ''): Promise<void> {
  await page.goto(admin(origin, port, hash));
  const loginButton = page.getByRole('button', { name: '登录' });
  const menu = page.getByRole('link', { name: '稿件' }).first();
  await Promise.race([loginButton.waitFor({ timeout: 20_000 }), menu.waitFor({ timeout: 20_000 })]);
  if (await loginButton.isVisible()) await loginButton.click();
  await menu.waitFor({ timeout: 20_000 });
}

/** What a new test article needs besides its body; every field an editor must fill in. */
export interface NewArticle {
  /** Typed as one paste (Input.insertText), invisible characters and all. */
  title: string;
  slug: string;
  summary?: string;
  /** Typed into the rich-text body. */
  body?: string;
}

/**
 * Opens a new article and fills in its required fields: title (as pasted
 * text), slug, summary, kind 简讯, column 水城·温度, one byline (赵琦, 记者), a
 * publication time and a one-paragraph body. Give it a page without an open
 * form: in the same tab, Decap keeps an unsaved form, and what was typed in
 * it, when the address does not change.
 */
export async function fillNewArticle(
  page: Page,
  origin: string,
  port: number,
  article: NewArticle,
): Promise<void> {
  await openAdmin(page, origin, port, '#/collections/articles/new');
  const title = page.locator('input[id^="title-field"]').first();
  await title.click();
  await page.keyboard.insertText(article.title);
  const slug = page.locator('input[id^="slug-field"]');
  // The slug follows the title's pinyin a moment after typing; set it only once it has, or it is overwritten.
  await slug
    .page()
    .waitForFunction(
      () => (document.querySelector<HTMLInputElement>('input[id^="slug-field"]')?.value ?? '') !== '',
    );
  await slug.fill(article.slug);
  await page.locator('textarea[id^="summary-field"]').click();
  await slug
    .page()
    .waitForFunction(
      (expected) => document.querySelector<HTMLInputElement>('input[id^="slug-field"]')?.value === expected,
      article.slug,
    );
  await page.keyboard.insertText(
    article.summary ?? '临清市的快递员十年里跑遍城区的大街小巷，送出三十多万件包裹，没有一单差错。',
  );
  await choose(page, 'kind', '简讯');
  await choose(page, 'column', '水城·温度');
  await page.getByRole('button', { name: '新增署名' }).click();
  await choose(page, 'author', '赵琦', 0);
  await choose(page, 'role', '记者', 0);
  await page.locator('input[id^="publishedAt-field"]').fill('2026-04-20T08:30');
  const body = page.locator('[data-slate-editor="true"]').first();
  await body.scrollIntoViewIfNeeded();
  await body.click();
  await page.keyboard.insertText(article.body ?? '王建国骑上三轮车，开始在临清老城区送快递。');
}

/** Clicks 保存 on an entry the save check refuses and returns the text of the error toast. */
export async function refusedSave(page: Page): Promise<string> {
  await page.getByRole('button', { name: '保存', exact: true }).click();
  const toast = page.getByRole('alert').filter({ hasText: '没有保存' }).first();
  await toast.waitFor({ timeout: 30_000 });
  return toast.innerText();
}

/** The editor's preview pane: Decap draws it in an iframe with the id preview-pane. */
export function previewFrame(page: Page): FrameLocator {
  return page.frameLocator('#preview-pane');
}
