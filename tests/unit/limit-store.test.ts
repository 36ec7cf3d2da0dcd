/**
 * The counters behind the spam limits and the login throttle: exact sliding
 * windows, shared by every worker on one data folder.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS_FILE, LimitStore } from '../../src/server/security/limit-store.ts';

describe('LimitStore', () => {
  it('counts hits after `since` only, and takes back exactly one removed hit', () => {
    const store = new LimitStore();
    const ids = [100, 200, 300].map((at) => store.add('tips', 'k', at));
    store.add('tips', 'other', 250);
    store.add('logins', 'k', 250);
    expect(store.count('tips', ['k'], 0)).toBe(3);
    expect(store.count('tips', ['k', 'other'], 0)).toBe(4);
    expect(store.count('tips', ['k'], 100)).toBe(2);
    store.remove(ids[2] ?? -1);
    expect(store.count('tips', ['k'], 100)).toBe(1);
    expect(store.count('tips', ['k'], 200)).toBe(0);
    expect(store.count('logins', ['k'], 0)).toBe(1);
  });

  it('forgets keys by name and by prefix, in one limiter only', () => {
    const store = new LimitStore();
    store.add('failures', 'pair:zhang:a', 1);
    store.add('failures', 'pair:zhang:b', 1);
    store.add('failures', 'pair:zhangsan:a', 1);
    store.add('notices', 'pair:zhang:a', 1);
    store.clearPrefix('failures', 'pair:zhang:');
    expect(store.count('failures', ['pair:zhang:a', 'pair:zhang:b'], 0)).toBe(0);
    expect(store.count('failures', ['pair:zhangsan:a'], 0)).toBe(1);
    expect(store.count('notices', ['pair:zhang:a'], 0)).toBe(1);
    store.clear('notices', ['pair:zhang:a']);
    expect(store.count('notices', ['pair:zhang:a'], 0)).toBe(0);
  });

  it('keeps totals right when old hits of keys nobody asks about are pruned', () => {
    const store = new LimitStore();
    store.add('tips', 'quiet', 10);
    store.add('tips', 'quiet', 20);
    store.add('tips', 'busy', 30);
    store.prune('tips', 15);
    expect(store.count('tips', ['quiet'], 0)).toBe(1);
    expect(store.count('tips', ['busy'], 0)).toBe(1);
  });

  it('is one count for every worker on the data folder, in a 0600 file', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'limits-'));
    const first = LimitStore.inFolder(dataDir);
    const second = LimitStore.inFolder(dataDir);
    first.add('tips', 'k', 5);
    second.add('tips', 'k', 6);
    expect(first.count('tips', ['k'], 0)).toBe(2);
    expect(second.count('tips', ['k'], 5)).toBe(1);
    expect(statSync(join(dataDir, LIMITS_FILE)).mode & 0o777).toBe(0o600);
    first.close();
    second.close();
  });
});
