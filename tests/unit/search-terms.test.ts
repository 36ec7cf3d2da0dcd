import { describe, expect, test } from 'vitest';
import { extraSearchTerms, placeStem, splitChineseName, termsMetaValue } from '../../src/lib/search-terms.ts';
import { escapeHtml, searchMetaFields, searchMetaHtml } from '../../src/lib/search-meta.ts';

describe('extra search terms', () => {
  test('splits names, including two-character surnames', () => {
    expect(splitChineseName('林东阁')).toEqual({ surname: '林', given: '东阁' });
    expect(splitChineseName('欧阳娜娜')).toEqual({ surname: '欧阳', given: '娜娜' });
    expect(splitChineseName('聂翔')).toEqual({ surname: '聂', given: '翔' });
    expect(splitChineseName('Tom')).toBeUndefined();
  });

  test('drops a place suffix only where the stem still names the place', () => {
    expect(placeStem('兖州区', 'district')).toBe('兖州');
    expect(placeStem('东阿县', 'county')).toBe('东阿');
    expect(placeStem('临清市', 'city')).toBe('临清');
    expect(placeStem('开发区', 'zone')).toBeUndefined();
    expect(placeStem('莘县', 'county')).toBeUndefined();
  });

  test('collects name, given name, places with and without suffix, city and topics once each', () => {
    expect(
      extraSearchTerms({
        subjectName: '林东阁',
        districts: [{ name: '兖州区', kind: 'district', city: '济宁市' }],
        topics: ['快递进村', '快递进村'],
      }),
    ).toEqual(['林东阁', '东阁', '兖州区', '兖州', '济宁市', '济宁', '快递进村']);
    // A one-character given name alone would match far too much.
    expect(extraSearchTerms({ subjectName: '聂翔', districts: [], topics: [] })).toEqual(['聂翔']);
  });

  test('the meta value carries each term and the words the query segmenter makes of it', () => {
    const words = termsMetaValue(['新就业群体', '兖州区']).split(' ');
    expect(words).toEqual(expect.arrayContaining(['新就业群体', '就业', '群体', '兖州区', '兖州']));
    expect(new Set(words).size).toBe(words.length);
  });
});

describe('article search meta', () => {
  const fields = searchMetaFields({
    publishedAt: new Date('2026-04-25T23:50:00Z'),
    displayDate: '2026年4月26日',
    year: '2026',
    columnName: '水城·温度',
    kindLabel: '人物',
    districts: [{ name: '开发区', kind: 'zone', city: '聊城市' }],
    topics: ['新就业群体'],
    subjectName: '林东阁',
    image: { src: '/_astro/hero.webp', alt: '快递驿站门前停着两辆电动车' },
  });

  test('filters, meta and a sortable date', () => {
    expect(fields.filters).toEqual([
      ['column', '水城·温度'],
      ['kind', '人物'],
      ['year', '2026'],
      ['district', '开发区'],
      ['topic', '新就业群体'],
    ]);
    expect(Object.fromEntries(fields.meta)).toMatchObject({
      date: '2026年4月26日',
      column: '水城·温度',
      image: '/_astro/hero.webp',
      image_alt: '快递驿站门前停着两辆电动车',
    });
    expect(fields.sort).toBe('date:2026-04-25T23:50:00.000Z');
  });

  test('the subject has a short meta field of its own, and the dictionary words are listed as written', () => {
    expect(Object.fromEntries(fields.meta)['subject']).toBe('林东阁 东阁');
    expect(fields.words).toBe('林东阁 东阁 开发区 聊城市 聊城 新就业群体');
  });

  test('the HTML form is hidden, not indexed as text, and escaped', () => {
    const html = searchMetaHtml({ filters: [['topic', 'a<b']], meta: [], sort: 'date:x', words: '林东阁' });
    expect(html).toBe(
      '<div hidden data-pagefind-ignore data-pagefind-sort="date:x" data-search-words="林东阁"><span data-pagefind-filter="topic">a&lt;b</span></div>',
    );
    expect(escapeHtml('"&')).toBe('&quot;&amp;');
  });
});
