import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { handleTip, processTip } from '../../src/server/tips/submit.ts';
import { deleteExpiredTips } from '../../src/server/tips/store.ts';
import type { Services } from '../../src/server/services.ts';
import {
  clock,
  DISTRICTS,
  freshServices,
  jpegWithGps,
  solvedPow,
  tipRequest,
  validFields,
} from './tips-helpers.ts';

let services: Services | undefined;
afterEach(() => {
  services?.close();
  services = undefined;
});

function setup() {
  const time = clock();
  services = freshServices(time.now);
  const deps = { ...services.tips, districts: DISTRICTS };
  return { time, services, deps };
}

const json = { Accept: 'application/json' };

describe('tips endpoint: valid tips', () => {
  it('stores a tip and redirects with 303 to a confirmation carrying a per-day Beijing reference', async () => {
    const { deps, services: s, time } = setup();
    const first = await handleTip(tipRequest(validFields()), deps, '203.0.113.7');
    expect(first.status).toBe(303);
    // 01:00 UTC on 26 April is 09:00 in Beijing, the same day.
    expect(first.headers.get('location')).toMatch(
      /^\/api\/tips\/\?ref=XS-20260426-0001&receipt=[\w-]{100,200}$/,
    );
    const second = await handleTip(tipRequest(validFields()), deps, '203.0.113.8');
    expect(second.headers.get('location')).toMatch(/^\/api\/tips\/\?ref=XS-20260426-0002&receipt=/);
    time.advance(16 * 60 * 60 * 1000); // 17:00 UTC = 01:00 next day in Beijing
    const third = await handleTip(tipRequest(validFields()), deps, '203.0.113.9');
    expect(third.headers.get('location')).toMatch(/^\/api\/tips\/\?ref=XS-20260427-0001&receipt=/);
    const row = s.db.prepare('SELECT * FROM tips WHERE ref = ?').get('XS-20260426-0001') as Record<
      string,
      unknown
    >;
    expect(row['body']).toBe(validFields()['body']);
    expect(row['status']).toBe('new');
  });

  it('answers JSON with 201 when the form script asks for it', async () => {
    const { deps } = setup();
    const response = await handleTip(tipRequest(validFields(), [], json), deps, '203.0.113.7');
    expect(response.status).toBe(201);
    const body = (await response.json()) as { ref: string; location: string };
    expect(body.ref).toBe('XS-20260426-0001');
    expect(body.location).toMatch(/^\/api\/tips\/\?ref=XS-20260426-0001&receipt=[\w-]{100,200}$/);
  });

  it('stores no address and no user agent anywhere in the database', async () => {
    const { deps, services: s } = setup();
    await handleTip(
      tipRequest(validFields(), [], { 'User-Agent': 'Secret-Agent/9.9' }),
      deps,
      '198.51.100.77',
    );
    const dump = JSON.stringify(
      ['tips', 'tip_photos', 'audit_log', 'used_challenges', 'sessions'].map((table) =>
        s.db.prepare(`SELECT * FROM ${table}`).all(),
      ),
    );
    expect(dump).not.toContain('198.51.100.77');
    expect(dump).not.toContain('Secret-Agent');
    const file = readFileSync(join(s.config.dataDir, 'tips.sqlite'));
    expect(file.includes(Buffer.from('198.51.100.77'))).toBe(false);
  });

  it('re-encodes a photo with GPS EXIF and keeps no metadata in the stored copy', async () => {
    const { deps, services: s } = setup();
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif?.includes(Buffer.from('TestCam'))).toBe(true);
    const file = new File([new Uint8Array(original)], 'IMG_0001.jpg', { type: 'image/jpeg' });
    const response = await handleTip(tipRequest(validFields(), [file]), deps, '203.0.113.7');
    expect(response.status).toBe(303);
    const photo = s.db.prepare('SELECT file, width, height FROM tip_photos').get() as {
      file: string;
      width: number;
    };
    expect(photo.file).toMatch(/^[a-f0-9]{32}\.jpg$/);
    const stored = readFileSync(join(s.tips.photosDir, photo.file));
    const after = await sharp(stored).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('TestCam'))).toBe(false);
    expect(stored.includes(Buffer.from('GPS'))).toBe(false);
    expect(photo.width).toBe(320);
  });

  it('deletes tips older than the retention period with their photos', async () => {
    const { deps, services: s, time } = setup();
    const file = new File([new Uint8Array(await jpegWithGps())], 'a.jpg');
    await handleTip(tipRequest(validFields(), [file]), deps, '203.0.113.7');
    const { file: name } = s.db.prepare('SELECT file FROM tip_photos').get() as { file: string };
    time.advance(179 * 86_400_000);
    expect(deleteExpiredTips(s.db, s.tips.photosDir, 180, new Date(time.now()))).toBe(0);
    time.advance(2 * 86_400_000);
    expect(deleteExpiredTips(s.db, s.tips.photosDir, 180, new Date(time.now()))).toBe(1);
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM tips').get()).toEqual({ n: 0 });
    expect(existsSync(join(s.tips.photosDir, name))).toBe(false);
  });
});

describe('tips endpoint: bad input gets a 4xx and a Chinese message per field', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['category', { category: 'spam' }, /请选择报料类别/],
    ['district', { district: 'atlantis' }, /请选择所在区县/],
    ['body', { body: '太短了' }, /至少要写 10 个字，现在是 3 个字/],
    ['body', { body: '长'.repeat(5001) }, /最多 5000 个字，现在是 5001 个字/],
    ['place', { place: '地'.repeat(201) }, /地点最多 200 个字/],
    ['when', { when: '时'.repeat(101) }, /时间最多 100 个字/],
    ['name', { name: '名'.repeat(51) }, /称呼最多 50 个字/],
    ['contact', { contact: 'call me maybe' }, /正确的电话号码/],
    ['consent', { consent: '' }, /请勾选同意/],
  ];
  for (const [field, change, message] of cases) {
    it(`rejects a bad ${field} (${Object.values(change)[0]?.slice(0, 12) ?? ''})`, async () => {
      const { deps, services: s } = setup();
      const response = await handleTip(
        tipRequest({ ...validFields(), ...change }, [], json),
        deps,
        '203.0.113.7',
      );
      expect(response.status).toBe(422);
      const body = (await response.json()) as { errors: Record<string, string> };
      expect(Object.keys(body.errors)).toEqual([field]);
      expect(body.errors[field]).toMatch(message);
      expect(s.db.prepare('SELECT COUNT(*) AS n FROM tips').get()).toEqual({ n: 0 });
    });
  }

  it('keeps what the reader typed for the re-rendered form and says photos must be chosen again', async () => {
    const { deps } = setup();
    const file = new File([new Uint8Array(await jpegWithGps())], 'a.jpg');
    const outcome = await processTip(
      tipRequest({ ...validFields(), body: '短' }, [file]),
      deps,
      '203.0.113.7',
    );
    expect(outcome.kind).toBe('rejected');
    if (outcome.kind !== 'rejected') return;
    expect(outcome.values.place).toBe('开发区某小区门口');
    expect(outcome.values.contact).toBe('18663513326');
    expect(outcome.values.consent).toBe(true);
    expect(outcome.photosLost).toBe(true);
  });

  it('answers a plain form post with an HTML page, not JSON', async () => {
    const { deps } = setup();
    const response = await handleTip(tipRequest({ ...validFields(), district: '' }), deps, '203.0.113.7');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('请选择所在区县');
  });

  it('refuses a non-image renamed .jpg by its bytes', async () => {
    const { deps, services: s } = setup();
    const fake = new File(['MZ this is not a picture at all, just text pretending'], 'holiday.jpg', {
      type: 'image/jpeg',
    });
    const response = await handleTip(tipRequest(validFields(), [fake], json), deps, '203.0.113.7');
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: Record<string, string> };
    expect(body.errors['photos']).toContain('“holiday.jpg”不是 JPEG、PNG 或 WebP 格式的照片');
    expect(readdirSync(s.tips.photosDir)).toEqual([]);
  });

  it('refuses more than four photos and photos over 10 MB', async () => {
    const { deps } = setup();
    const small = new File([new Uint8Array(await jpegWithGps())], 'a.jpg');
    const five = await handleTip(
      tipRequest(validFields(), [small, small, small, small, small], json),
      deps,
      '203.0.113.7',
    );
    expect(five.status).toBe(422);
    expect(((await five.json()) as { errors: Record<string, string> }).errors['photos']).toContain(
      '最多只能上传 4 张',
    );
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.jpg');
    const tooBig = await handleTip(tipRequest(validFields(), [big], json), deps, '203.0.113.7');
    expect(((await tooBig.json()) as { errors: Record<string, string> }).errors['photos']).toContain(
      '超过 10 MB',
    );
  });

  it('answers 413 for a body over the limit before reading it', async () => {
    const { deps } = setup();
    const request = new Request('http://127.0.0.1:4321/api/tips/', {
      method: 'POST',
      body: 'x',
      headers: {
        'Content-Type': 'multipart/form-data; boundary=x',
        'Content-Length': String(43 * 1024 * 1024),
      },
    });
    const response = await handleTip(request, deps, '203.0.113.7');
    expect(response.status).toBe(413);
  });

  it('refuses a tip whose honeypot field is filled', async () => {
    const { deps, services: s } = setup();
    const response = await handleTip(
      tipRequest({ ...validFields(), website: 'http://spam.example' }, [], json),
      deps,
      '203.0.113.7',
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { formError: string }).formError).toContain('无法受理');
    expect(s.db.prepare('SELECT COUNT(*) AS n FROM tips').get()).toEqual({ n: 0 });
  });
});

describe('tips endpoint: proof of work, fill time and rate limits', () => {
  it('refuses a submission made too fast after the signed challenge, accepts it later, and never twice', async () => {
    const { deps, time } = setup();
    const pow = await solvedPow(await deps.pow.create());
    time.advance(1000);
    const fast = await handleTip(tipRequest({ ...validFields(), pow }, [], json), deps, '203.0.113.7');
    expect(fast.status).toBe(400);
    expect(((await fast.json()) as { formError: string }).formError).toContain('太快');
    const pow2 = await solvedPow(await deps.pow.create());
    time.advance(5000);
    const ok = await handleTip(tipRequest({ ...validFields(), pow: pow2 }, [], json), deps, '203.0.113.7');
    expect(ok.status).toBe(201);
    const again = await handleTip(tipRequest({ ...validFields(), pow: pow2 }, [], json), deps, '203.0.113.7');
    expect(again.status).toBe(400);
    expect(((await again.json()) as { formError: string }).formError).toContain('防灌水校验');
  });

  it('refuses a forged or expired proof of work', async () => {
    const { deps, time } = setup();
    const challenge = await deps.pow.create();
    const pow = JSON.parse(await solvedPow(challenge)) as { solution: { counter: number } };
    pow.solution.counter += 1;
    time.advance(5000);
    const forged = await handleTip(
      tipRequest({ ...validFields(), pow: JSON.stringify(pow) }, [], json),
      deps,
      '203.0.113.7',
    );
    expect(forged.status).toBe(400);
    const old = await solvedPow(challenge);
    time.advance(3 * 60 * 60 * 1000);
    const expired = await handleTip(
      tipRequest({ ...validFields(), pow: old }, [], json),
      deps,
      '203.0.113.7',
    );
    expect(expired.status).toBe(400);
  });

  it('allows 10 tips an hour per address with proof of work, then 429', async () => {
    const { deps, time } = setup();
    for (let i = 0; i < 10; i++) {
      const pow = await solvedPow(await deps.pow.create());
      time.advance(4000);
      const response = await handleTip(tipRequest({ ...validFields(), pow }, [], json), deps, '203.0.113.7');
      expect(response.status).toBe(201);
    }
    const pow = await solvedPow(await deps.pow.create());
    time.advance(4000);
    const limited = await handleTip(tipRequest({ ...validFields(), pow }, [], json), deps, '203.0.113.7');
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { formError: string }).formError).toContain('提交太频繁');
    // Another address is not affected.
    const other = await handleTip(tipRequest({ ...validFields(), pow }, [], json), deps, '203.0.113.8');
    expect(other.status).toBe(201);
  });

  it('allows 3 tips an hour per address without JavaScript, then 429, and again after an hour', async () => {
    const { deps, time } = setup();
    for (let i = 0; i < 3; i++) {
      expect((await handleTip(tipRequest(validFields()), deps, '203.0.113.7')).status).toBe(303);
    }
    expect((await handleTip(tipRequest(validFields()), deps, '203.0.113.7')).status).toBe(429);
    time.advance(61 * 60 * 1000);
    expect((await handleTip(tipRequest(validFields()), deps, '203.0.113.7')).status).toBe(303);
  });
});
