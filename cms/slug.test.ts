import { describe, expect, test } from 'vitest';
import { isValidSlug, normalizeSlug, slugFromTitle } from './slug.ts';

describe('slugFromTitle', () => {
  test('turns a Chinese title into toneless pinyin joined by hyphens', () => {
    expect(slugFromTitle('东阿濒危剧种王皮戏焕生机')).toBe(
      'dong-e-bin-wei-ju-zhong-wang-pi-xi-huan-sheng-ji',
    );
  });
  test('drops punctuation, keeps Latin words and digits, writes ü as v', () => {
    expect(slugFromTitle('“绿色”快递：2026年 进村ABC！')).toBe('lv-se-kuai-di-2026-nian-jin-cun-abc');
  });
  test('stays valid and short for long titles', () => {
    const slug = slugFromTitle('在临清市的老街上，一位快递员用十年时间把每一个包裹送到了村民的家门口');
    expect(slug.length).toBeLessThanOrEqual(48);
    expect(isValidSlug(slug)).toBe(true);
  });
  test('gives an empty slug for a title with nothing to spell', () => {
    expect(slugFromTitle('——！')).toBe('');
    expect(isValidSlug('')).toBe(false);
  });
});

describe('normalizeSlug', () => {
  test('tidies what an editor types', () => {
    expect(normalizeSlug(' Lin Dong_Ge--Kuai Di ')).toBe('lin-dong-ge-kuai-di');
  });
  test('converts Chinese typed into the slug field into pinyin', () => {
    expect(normalizeSlug('快递进村')).toBe('kuai-di-jin-cun');
  });
});

describe('isValidSlug', () => {
  test('accepts lowercase ASCII words joined by single hyphens only', () => {
    expect(isValidSlug('dong-e-wang-pi-xi')).toBe(true);
    expect(isValidSlug('Dong-e')).toBe(false);
    expect(isValidSlug('dong--e')).toBe(false);
    expect(isValidSlug('东阿')).toBe(false);
    expect(isValidSlug('-dong')).toBe(false);
  });
});
