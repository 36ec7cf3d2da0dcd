import { describe, expect, it } from 'vitest';
import { validateHtml } from '../support/vnu.ts';
import { fileOf, pageTypes } from './reader-pages.ts';

describe('built pages are valid HTML (Nu Html Checker)', () => {
  it('has no vnu errors on one page of each type, the 404 page included', async () => {
    const files = [...Object.values(pageTypes()), '/404/'].map(fileOf);
    const errors = await validateHtml(files);
    expect(
      errors.map((e) => `${e.url.replace(/^.*client/, '')}: ${e.message} ${e.extract ?? ''}`),
      'vnu errors',
    ).toEqual([]);
  });
});
