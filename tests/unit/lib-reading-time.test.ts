import { describe, expect, it } from 'vitest';
import { CHARS_PER_MINUTE, readableText, readingMinutes, readingUnits } from '../../src/lib/reading-time.ts';

describe('reading time in Chinese characters per minute', () => {
  it('counts each Han character once and ignores punctuation', () => {
    expect(readingUnits('快递进村，稳得住。')).toBe(7);
  });

  it('counts a Latin word or a number as one unit', () => {
    // 11 Han characters, plus "4900" and "App".
    expect(readingUnits('开发区4900余名快递员用上了App')).toBe(13);
  });

  it('does not count component tags, attributes, image paths or link targets', () => {
    const mdx = [
      '<PullQuote cite="下码头村村民 尹训太">老调子回来了</PullQuote>',
      '',
      '![快递员在分拣包裹](./photo-2.jpg)',
      '',
      '详见[热线](/hotline/)。',
    ].join('\n');
    expect(readableText(mdx)).not.toContain('尹训太');
    expect(readableText(mdx)).not.toContain('photo');
    expect(readingUnits(mdx)).toBe(10); // 老调子回来了 + 详见热线
  });

  it('rounds up to whole minutes and never says zero', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('字'.repeat(CHARS_PER_MINUTE))).toBe(1);
    expect(readingMinutes('字'.repeat(CHARS_PER_MINUTE + 1))).toBe(2);
    expect(readingMinutes('字'.repeat(1000), 250)).toBe(4);
  });
});
