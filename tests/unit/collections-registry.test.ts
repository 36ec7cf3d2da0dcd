import { describe, expect, it } from 'vitest';
import { buildCmsConfig, cmsEnvironment, CONTENT, SCHEMA_FIELDS } from '../../cms/config.ts';
import { validateEntry } from '../../cms/validate.ts';
import { checkContent } from '../../src/lib/content-check.ts';
import { readContentFiles } from '../../src/lib/content-files.ts';
import { COLLECTION_NAMES, COLLECTIONS, SITE_DATA_COLLECTIONS } from '../../src/schemas/collections.ts';
import { CONTENT_FOLDER, FIXTURE_CONTENT } from '../support/fixture.ts';

/**
 * The registry (src/schemas/collections.ts) is the one list of collections: every tool that needs the list
 * must see each of its entries, so adding a collection there is the whole change.
 */
describe('collection registry', () => {
  const cms = buildCmsConfig(cmsEnvironment({}));

  it('gives every collection a CMS collection, a content folder and generated fields', () => {
    expect(cms.collections.map((c) => c.name).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const name of COLLECTION_NAMES) {
      expect(CONTENT[name], name).toContain(`${CONTENT_FOLDER}/${COLLECTIONS[name].folder}`);
      expect(SCHEMA_FIELDS[name].length, name).toBeGreaterThan(0);
    }
  });

  it('reads every collection of the fixture tree from the folders the registry names', () => {
    const read = new Set(readContentFiles(FIXTURE_CONTENT).map((f) => f.collection));
    expect([...read].sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  it('validates each collection with its own schema in the guard and in the CMS', () => {
    for (const name of COLLECTION_NAMES) {
      const problems = checkContent([{ collection: name, id: 'x', file: `${name}/x`, data: {} }]);
      expect(problems.length, name).toBeGreaterThan(0);
      expect(validateEntry(name, {}).length, name).toBeGreaterThan(0);
    }
  });

  it('hands settings, columns and districts to the on-demand routes, and no stories or editions', () => {
    expect(SITE_DATA_COLLECTIONS).toEqual(['columns', 'districts', 'settings']);
  });
});
