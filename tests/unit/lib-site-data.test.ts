import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSiteData, loadStoryTitles } from '../../src/lib/site-data-source.ts';
import { FIXTURE_CONTENT } from '../support/fixture.ts';

describe('site data for on-demand routes (virtual:site-data)', () => {
  it('reads settings, columns in editorial order and districts by city then name', () => {
    const data = loadSiteData(FIXTURE_CONTENT);
    expect(data.settings.hotline.phones.length).toBeGreaterThan(0);
    const orders = data.columns.map((c) => c.data.order);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    expect(data.columns[0]?.data.name).toBe('水城·温度');
    const cities = data.districts.map((d) => d.data.city);
    expect(cities).toEqual([...cities].sort(new Intl.Collator('zh-CN').compare));
    expect(data.districts.map((d) => d.id)).toContain('yan-zhou-qu');
  });

  it('names the file and what to fix when a column is invalid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swd-site-data-'));
    cpSync(FIXTURE_CONTENT, dir, { recursive: true });
    writeFileSync(join(dir, 'columns', 'rui-guan-dian.yml'), 'name: ""\ndescription: 评论\norder: 3\n');
    expect(() => loadSiteData(dir)).toThrow(/rui-guan-dian\.yml：请填写栏目名/);
  });

  it('lists public stories only, newest first, as the inbox offers them', () => {
    const titles = loadStoryTitles(FIXTURE_CONTENT, new Date('2026-11-23T12:00:00+08:00'));
    const ids = titles.map(([id]) => id);
    expect(ids).not.toContain('cao-gao-shi-li'); // a draft
    expect(ids).not.toContain('ding-shi-fa-bu-shi-li'); // scheduled for 2099
    expect(ids).toContain('lin-dong-ge-kuai-di-yuan');
    expect(ids).toHaveLength(9);
    // Scheduled stories join the list once their time has come.
    expect(
      loadStoryTitles(FIXTURE_CONTENT, new Date('2099-01-01T08:00:00+08:00')).map(([id]) => id),
    ).toContain('ding-shi-fa-bu-shi-li');
  });
});
