/**
 * An editor works in /admin against the real local backend: the built site
 * serves the bundled Decap CMS, decap-server (git mode) commits into a
 * throwaway copy of the project, and Chromium plays the editor.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { checkContent } from '../../src/lib/content-check.ts';
import { readContentFiles } from '../../src/lib/content-files.ts';
import { readFrontmatter } from '../../src/lib/frontmatter.ts';
import { launchBrowser, recordForeignRequests } from '../support/browser.ts';
import { freePort, startSite, type RunningSite } from '../support/server.ts';
import { CONTENT } from '../../cms/config.ts';
import {
  git,
  makeTempRepo,
  removeTempRepo,
  repoContent,
  startDecapServer,
  type DecapServer,
} from '../../cms/testing/repo.ts';
import {
  admin,
  choose,
  composeChinese,
  expand,
  group,
  insertComponent,
  login,
  openArticle,
  publishFromEditor,
  saveEntry,
  uploadImage,
  waitForSettledEditor,
} from '../../cms/testing/editor.ts';

let repo: string;
let decap: DecapServer;
let site: RunningSite;
let browser: Browser;
let page: Page;
let foreign: string[];
const images = mkdtempSync(join(tmpdir(), 'cms-images-'));

const SLUG = 'lin-qing-kuai-di-xiao-ge';
const TITLE = '临清快递小哥十年送件不差一单';
const P1_START = '十年前，';
const INSERTED = '这位土生土长的临清人';
const P1_END = '王建国骑上三轮车，开始在临清老城区送快递。他说：“送快递不难，难的是十年如一日！”';
const P2 = '街坊们都叫他“活地图”——哪条胡同几户人家、谁家白天没人，他心里一清二楚。';
const FACTS = [
  ['10年', '从2016年入行至今'],
  ['30万件', '累计投递包裹'],
  ['0单', '投递差错'],
] as const;
const ARTICLE = () => join(repo, CONTENT.articles, SLUG, 'index.mdx');

beforeAll(async () => {
  repo = makeTempRepo();
  decap = await startDecapServer(repo, await freePort());
  site = await startSite();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  foreign = recordForeignRequests(page);
  // Two real photos to upload, as a phone or camera would give them.
  for (const [name, colour] of [
    ['kuai-di-hero.jpg', '#b0161e'],
    ['fen-jian.jpg', '#1a56b8'],
  ] as const) {
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } })
      .jpeg()
      .toFile(join(images, name));
  }
});

afterAll(async () => {
  await browser.close();
  await site.stop();
  await decap.stop();
  removeTempRepo(repo);
});

describe('an editor writes, illustrates, reviews and publishes a profile', () => {
  test('logs in to the local backend and sees the newsroom in Chinese', async () => {
    await page.goto(admin(site.origin, decap.port));
    await login(page);
    await expect.poll(() => page.getByRole('link', { name: '稿件' }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('东阿濒危剧种王皮戏焕生机').isVisible()).toBe(true);
    for (const label of ['作者', '栏目', '区县', '网站设置', '工作流']) {
      expect(await page.getByText(label, { exact: true }).first().isVisible(), label).toBe(true);
    }
  });

  test('fills in a new profile with a Chinese title, typed through an input method', async () => {
    await page.goto(admin(site.origin, decap.port, '#/collections/articles/new'));
    const title = page.locator('input[id^="title-field"]').first();
    await title.click();
    // The first half arrives through IME composition (pinyin → characters), the rest as committed text.
    await composeChinese(page, ['l', 'li', 'lin', '临'], '临清');
    await page.keyboard.insertText('快递小哥十年送件不差一单');
    await expect.poll(() => title.inputValue()).toBe(TITLE);

    // The slug follows the title's pinyin until the editor changes it.
    const slug = page.locator('input[id^="slug-field"]');
    await expect.poll(() => slug.inputValue()).toBe('lin-qing-kuai-di-xiao-ge-shi-nian-song-jian-bu');
    await slug.fill('Lin Qing Kuai_Di  Xiao Ge');
    await page.locator('input[id^="kicker-field"]').click();
    await expect.poll(() => slug.inputValue()).toBe(SLUG);

    await page.locator('input[id^="kicker-field"]').fill('凡人微光');
    await page.locator('input[id^="subtitle-field"]').fill('记临清市顺丰快递员王建国');
    await page.locator('textarea[id^="summary-field"]').click();
    await composeChinese(page, ['s', 'sh', 'shi', '十'], '十年');
    await page.keyboard.insertText(
      '里，临清快递员王建国跑遍了城区的大街小巷，送出三十多万件包裹，没有一单差错，街坊们都叫他“活地图”。',
    );
    expect(await page.locator('textarea[id^="summary-field"]').inputValue()).toMatch(/^十年里，临清快递员/);
    await choose(page, 'kind', '人物');
    await choose(page, 'column', '水城·温度');

    // Two bylines from the staff list, each with a role.
    await page.getByRole('button', { name: '新增署名' }).click();
    await choose(page, 'author', '赵琦', 0);
    await choose(page, 'role', '记者', 0);
    await page.getByRole('button', { name: '新增署名' }).click();
    await choose(page, 'author', '岳殿举', 1);
    await choose(page, 'role', '摄影', 1);

    await page.locator('input[id^="publishedAt-field"]').fill('2026-04-20T08:30');
    await choose(page, 'districts', '临清市');

    // The person the profile is about (an optional group, collapsed until opened).
    await expand(page, 'subject');
    const subject = group(page, 'subject');
    await subject.locator('input[id^="name-field"]').fill('王建国');
    await subject.locator('input[id^="title-field"]').fill('顺丰速运临清营业部快递员');

    // The lead photo, uploaded beside the story.
    await expand(page, 'hero');
    await group(page, 'hero').getByRole('button', { name: '选择图片' }).click();
    await uploadImage(page, join(images, 'kuai-di-hero.jpg'));
    await group(page, 'hero').locator('input[id^="alt-field"]').fill('快递员王建国骑着三轮车穿过临清老街');
  });

  test('writes the body in Chinese with a fact box and a captioned photo', async () => {
    const body = page.locator('[data-slate-editor="true"]').first();
    await body.scrollIntoViewIfNeeded();
    await body.click();
    await page.keyboard.insertText(P1_START + P1_END);
    await page.keyboard.press('Enter');
    await composeChinese(page, ['j', 'ji', 'jie', '街'], '街坊');
    await page.keyboard.insertText(P2.slice(2));

    await insertComponent(page, '数字框');
    const box = page
      .locator('[data-slate-editor="true"] div[id^="items-field"]')
      .last()
      .locator('xpath=../../..');
    await box.locator('input[id^="title-field"]').fill('王建国的十年');
    for (const [figure, text] of FACTS) {
      await box.getByRole('button', { name: '新增条目' }).click();
      await box.locator('input[id^="figure-field"]').last().fill(figure);
      await box.locator('input[id^="text-field"]').last().fill(text);
    }

    await insertComponent(page, '图片（带说明）');
    const figureForm = page
      .locator('[data-slate-editor="true"] input[id^="caption-field"]')
      .last()
      .locator('xpath=../../..');
    await figureForm.getByRole('button', { name: '选择图片' }).click();
    await uploadImage(page, join(images, 'fen-jian.jpg'));
    await figureForm.locator('input[id^="alt-field"]').fill('王建国在分拣台前把包裹按街道分好');
    await figureForm.locator('input[id^="caption-field"]').fill('每天清晨，王建国先把包裹按街道分拣。');
    await figureForm.locator('input[id^="credit-field"]').fill('本报记者 岳殿举 摄');

    // Edit in the middle of the first paragraph: after its opening words, through the input method.
    // Inserting the two components re-renders the whole body; keys pressed before it is quiet again can land in
    // a paragraph that is about to be replaced (on a loaded machine the caret stayed at 0).
    await waitForSettledEditor(page);
    const first = body.locator('p').first();
    // Slate applies a click's selection asynchronously; wait until the caret is really in the paragraph
    // and after its opening words, or the composition lands elsewhere on a busy machine.
    const caret = () =>
      page.evaluate(() => {
        const selection = window.getSelection();
        const paragraph = selection?.anchorNode?.parentElement?.closest('p');
        return paragraph?.textContent.startsWith('十年前') === true ? (selection?.anchorOffset ?? -1) : -1;
      });
    await first.click({ position: { x: 2, y: 8 } });
    await expect.poll(caret).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Home');
    await expect.poll(caret).toBe(0);
    let steps = P1_START.length;
    while (steps > 0) {
      await page.keyboard.press('ArrowRight');
      steps -= 1;
    }
    await expect.poll(caret).toBe(P1_START.length);
    await composeChinese(page, ['z', 'zh', 'zhe', '这'], INSERTED);
    await expect.poll(() => first.innerText()).toBe(P1_START + INSERTED + P1_END);
  });

  test('saves a draft that stays off the main branch', async () => {
    await saveEntry(page);
    const branch = `cms/articles/${SLUG}/index`;
    expect(git(repo, 'branch', '--list', 'cms/*')).toContain(branch);
    expect(git(repo, 'ls-tree', '-r', '--name-only', 'main')).not.toContain(`${CONTENT.articles}/${SLUG}/`);
    expect(git(repo, 'show', `${branch}:${CONTENT.articles}/${SLUG}/index.mdx`)).toContain(`title: ${TITLE}`);
  });

  test('moves it through review to ready and publishes it to main', async () => {
    await publishFromEditor(page);
    expect(git(repo, 'branch', '--list', 'cms/*').trim()).toBe('');
    expect(git(repo, 'branch', '--show-current').trim()).toBe('main');
    expect(existsSync(ARTICLE())).toBe(true);
  });

  test('the committed MDX file passes the content check and keeps the text intact', () => {
    const text = readFileSync(ARTICLE(), 'utf8');
    expect(checkContent(readContentFiles(repoContent(repo), repo))).toEqual([]);
    const { data, body } = readFrontmatter(text);
    expect(data).toMatchObject({
      title: TITLE,
      kicker: '凡人微光',
      subtitle: '记临清市顺丰快递员王建国',
      kind: 'profile',
      column: 'shui-cheng-wen-du',
      authors: [
        { author: 'zhao-qi', role: 'reporter' },
        { author: 'yue-dian-ju', role: 'photographer' },
      ],
      publishedAt: '2026-04-20 08:30',
      districts: ['lin-qing-shi'],
      subject: { name: '王建国', title: '顺丰速运临清营业部快递员' },
      hero: { image: './kuai-di-hero.jpg', alt: '快递员王建国骑着三轮车穿过临清老街' },
    });
    expect(data).not.toHaveProperty('slug');
    expect(body).toContain(P1_START + INSERTED + P1_END);
    expect(body).toContain(P2);
    expect(body).toContain(
      `<FactBox title="王建国的十年">\n\n${FACTS.map(([f, t]) => `- **${f}** ${t}`).join('\n')}\n\n</FactBox>`,
    );
    expect(body).toContain(
      '<Figure caption="每天清晨，王建国先把包裹按街道分拣。" credit="本报记者 岳殿举 摄">\n\n![王建国在分拣台前把包裹按街道分好](./fen-jian.jpg)\n\n</Figure>',
    );
    // Nothing was backslash-escaped by the rich-text serializer.
    expect(body).not.toMatch(/\\[*_<\[\]]/);
    for (const photo of ['kuai-di-hero.jpg', 'fen-jian.jpg']) {
      expect(existsSync(join(repo, CONTENT.articles, SLUG, photo)), photo).toBe(true);
    }
    expect(git(repo, 'status', '--porcelain').trim()).toBe('');
  });

  test('editing one field of an existing story keeps every other byte', async () => {
    const file = join(repo, CONTENT.articles, 'dong-e-wang-pi-xi', 'index.mdx');
    const before = readFileSync(file, 'utf8');
    await openArticle(page, site.origin, decap.port, 'dong-e-wang-pi-xi');
    const kicker = page.locator('input[id^="kicker-field"]');
    expect(await kicker.inputValue()).toBe('');
    await kicker.click();
    await composeChinese(page, ['f', 'fei', '非'], '非遗');
    await page.keyboard.insertText('传承');
    await saveEntry(page);
    await publishFromEditor(page);
    const after = readFileSync(file, 'utf8');
    const expected = before.replace(/^(title: .*\n)/m, '$1kicker: 非遗传承\n');
    expect(expected).not.toBe(before);
    expect(after).toBe(expected);
    expect(git(repo, 'diff', '--stat', 'HEAD~1', 'HEAD').trim().split('\n')).toHaveLength(2);
  });

  test('editing a paragraph in the rich-text body leaves the components and other paragraphs as they were', async () => {
    const file = join(repo, CONTENT.articles, 'lin-dong-ge-kuai-di-yuan', 'index.mdx');
    const before = readFileSync(file, 'utf8');
    await openArticle(page, site.origin, decap.port, 'lin-dong-ge-kuai-di-yuan');
    const paragraph = page
      .locator('[data-slate-editor="true"] p', { hasText: '2017年，刚过而立之年' })
      .first();
    await paragraph.scrollIntoViewIfNeeded();
    await waitForSettledEditor(page);
    await paragraph.click();
    // The caret must be in this paragraph before typing, as an editor would see it blink there.
    await page.waitForFunction(() => {
      const node = document.getSelection()?.anchorNode;
      const element = node instanceof Element ? node : node?.parentElement;
      return element?.closest('[data-slate-editor="true"] p')?.textContent.startsWith('2017年') ?? false;
    });
    await page.keyboard.press('End');
    await composeChinese(page, ['z', 'zh', 'zhe', '这'], '这一干就是八年。');
    // Markdown-significant characters typed as text must come out as the same visible text.
    await page.keyboard.insertText('（记者注：1*2_3<4>）');
    await expect
      .poll(() => paragraph.textContent(), { timeout: 10_000 })
      .toContain('这一干就是八年。（记者注：1*2_3<4>）');
    await saveEntry(page);
    await publishFromEditor(page);
    const after = readFileSync(file, 'utf8');
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toHaveLength(1);
    // "<" would open a JSX tag in MDX, so it is escaped; the other characters are harmless here.
    expect(changed[0]).toMatch(
      /^2017年，刚过而立之年.*他就铆足了劲。这一干就是八年。（记者注：1\\?\*2\\?_3\\<4>）$/,
    );
    expect(after.replace(changed[0] ?? '', '')).toBe(before.replace(/^2017年，刚过而立之年.*$/m, ''));
  });

  test('the admin made no request outside this machine', () => {
    expect(foreign).toEqual([]);
  });
});

describe('after a build of the repository the CMS committed to', () => {
  let built: ChildProcess | undefined;
  let origin = '';

  afterAll(() => {
    built?.kill('SIGTERM');
  });

  test('the site includes the new story and the edited one', async () => {
    const out = join(repo, 'dist');
    execFileSync(process.execPath, [join(repo, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
      cwd: repo,
      env: { ...process.env, ASTRO_OUT_DIR: out, ASTRO_CACHE_DIR: join(repo, '.astro-cache') },
      stdio: 'pipe',
      maxBuffer: 64 * 1024 * 1024,
    });
    const port = await freePort();
    built = spawn(process.execPath, [join(out, 'server', 'entry.mjs')], {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'cms-data-')),
      },
      stdio: 'ignore',
    });
    origin = `http://127.0.0.1:${String(port)}`;
    await expect
      .poll(
        () =>
          fetch(`${origin}/`).then(
            (r) => r.status,
            () => 0,
          ),
        { timeout: 20_000 },
      )
      .toBe(200);

    await page.goto(`${origin}/articles/${SLUG}/`);
    expect(await page.locator('h1').innerText()).toBe(TITLE);
    const article = page.locator('article').first();
    expect(await article.innerText()).toContain(P1_START + INSERTED + P1_END);
    expect(await article.innerText()).toContain('每天清晨，王建国先把包裹按街道分拣。');
    expect(await article.innerText()).toContain('30万件');
    expect(await article.locator('img[alt="王建国在分拣台前把包裹按街道分好"]').count()).toBe(1);
    await page.goto(`${origin}/articles/dong-e-wang-pi-xi/`);
    expect(await page.locator('[data-pagefind-meta="kicker"]').innerText()).toBe('非遗传承');
  }, 400_000);

  test('search finds the new story', async () => {
    // Through the site's own search page: the index is one Pagefind bundle per year behind it.
    await page.goto(`${origin}/search/?q=${encodeURIComponent('活地图')}`);
    await expect
      .poll(() => page.locator(`main a[href="/articles/${SLUG}/"]`).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
  });
});
