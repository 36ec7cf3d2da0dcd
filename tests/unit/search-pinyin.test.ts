import { describe, expect, test } from 'vitest';
import { buildReadings, commonCharacters, readingsOf } from '../../src/integrations/search-readings.ts';
import { bucketOf } from '../../src/lib/search-shards.ts';
import { parseSyllable, replacedPair, soundSimilarity } from '../../src/lib/search-pinyin.ts';

describe('how alike two characters sound', () => {
  test('the same syllable and tone, another tone, a usual confusion, a shared final or initial, nothing', () => {
    expect(soundSimilarity('ge2', 'ge2')).toBe(6);
    expect(soundSimilarity('ge2', 'ge4')).toBe(5);
    expect(soundSimilarity('zhang1', 'zang1')).toBe(4);
    expect(soundSimilarity('qiang2', 'qian2')).toBe(4);
    expect(soundSimilarity('lan2', 'nan2')).toBe(4);
    expect(soundSimilarity('gang1', 'tang1')).toBe(2);
    expect(soundSimilarity('gang1', 'ge2')).toBe(1);
    expect(soundSimilarity('jie2', 'fang1')).toBe(0);
    expect(soundSimilarity(undefined, 'ge2')).toBe(0);
  });

  test('a character read two ways is compared by its closest reading', () => {
    expect(soundSimilarity('hang2 xing2', 'xing2')).toBe(6);
  });

  test('syllables split into initial, final and tone, ü written either way', () => {
    expect(parseSyllable('zhuang4')).toEqual({ initial: 'zh', final: 'uang', tone: '4' });
    expect(parseSyllable('lv4')).toEqual(parseSyllable('lü4'));
    expect(parseSyllable('er2')).toEqual({ initial: '', final: 'er', tone: '2' });
    expect(parseSyllable('2024')).toBeUndefined();
  });

  test('the pair to compare: one character replaced, nothing for an added or dropped one', () => {
    expect(replacedPair('林东格', '林东阁')).toEqual(['格', '阁']);
    expect(replacedPair('林东', '林东阁')).toBeUndefined();
    expect(replacedPair('林冬格', '林东阁')).toBeUndefined();
  });
});

describe('the readings files the build writes', () => {
  test('cover GB 2312 and the dictionary’s own rarer characters, each in its bucket', () => {
    expect(commonCharacters()).toHaveLength(6763);
    expect(readingsOf('阁')).toBe('ge2');
    expect(readingsOf('行').split(' ')).toContain('hang2');
    const files = buildReadings(['㞢万禾']);
    expect(files[bucketOf('阁')]?.['阁']).toBe('ge2');
    expect(files[bucketOf('禾')]?.['禾']).toBe('he2');
    expect(files[bucketOf('㞢')]?.['㞢']).toBe(readingsOf('㞢') || undefined);
  });
});
