// GB/T 2260 region data for the kiosks' pickers over REST: the shipped list and one province's
// streets, parsed by the contract's schemas, with an ETag a kiosk revalidates against (304)
// and a Cache-Control that lets its browser keep them; in the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegionIndex, regionDatasetSchema, streetDatasetSchema } from '@hall/common/forms/index';
import { regionDataset } from '@hall/fixtures/src/forms.ts';
import { startHall, type TestHall } from '../harness.ts';
import { RegionData } from '../../src/forms/region-data.ts';
import type { ErrorReply } from './support.ts';

let hall: TestHall;
beforeAll(async () => {
  hall = await startHall();
}, 30_000);
afterAll(async () => {
  await hall.cleanup();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${hall.url}${path}`, { headers });

describe('GET /api/regions', () => {
  it('serves the shipped division list, without a token, cacheable by the kiosk’s browser', async () => {
    const res = await get('/api/regions');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const data = regionDatasetSchema.parse(await res.json());
    expect(data).toEqual(regionDataset);
    const index = createRegionIndex(data);
    expect(index.fullName('610102')).toBe('陕西省西安市新城区');
    expect(index.provinces().map((p) => p.code)).toContain('810000');
  });

  it('answers a revalidation with the same ETag by 304 and no body; another ETag gets the data', async () => {
    const etag = (await get('/api/regions')).headers.get('etag')!;
    const again = await get('/api/regions', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    const listed = await get('/api/regions', { 'if-none-match': `"stale", W/${etag}` });
    expect(listed.status).toBe(304);
    const changed = await get('/api/regions', { 'if-none-match': '"an-older-list"' });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { provinces: unknown[] }).provinces.length).toBe(regionDataset.provinces.length);
  });
});

describe('GET /api/regions/:province/streets', () => {
  it('serves one province’s streets by district, with its own ETag, revalidated by 304', async () => {
    const res = await get('/api/regions/61/streets');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    const streets = streetDatasetSchema.parse(await res.json());
    expect(Object.keys(streets).every((district) => district.startsWith('61'))).toBe(true);
    const index = createRegionIndex(regionDataset);
    index.addStreets(streets);
    expect(index.fullName('610102004')).toBe('陕西省西安市新城区韩森寨街道');

    const etag = res.headers.get('etag')!;
    expect(etag).not.toBe((await get('/api/regions')).headers.get('etag'));
    expect(etag).not.toBe((await get('/api/regions/44/streets')).headers.get('etag'));
    expect((await get('/api/regions/61/streets', { 'if-none-match': etag })).status).toBe(304);
  });

  it('a province without subdivisions has no streets; an unknown or malformed code is refused', async () => {
    const hongKong = await get('/api/regions/81/streets');
    expect(hongKong.status).toBe(200);
    expect(await hongKong.json()).toEqual({});
    const unknown = await get('/api/regions/99/streets');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorReply).error).toMatchObject({ code: 'NOT_FOUND', field: 'province' });
    const malformed = await get('/api/regions/6101/streets');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorReply).error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'province', message: expect.stringContaining('两位数字') });
  });

  it('reads each province once, and tries again after a failed read', async () => {
    const reads: string[] = [];
    let fail = true;
    const data = new RegionData({
      divisions: regionDataset,
      streets: async (province) => {
        reads.push(province);
        if (fail) throw new Error('disk');
        return { '610102': [['004', '韩森寨街道']] };
      },
    });
    await expect(data.streets('61')).rejects.toThrow('disk');
    fail = false;
    const first = await data.streets('61');
    const second = await data.streets('61');
    expect(second).toBe(first);
    expect(reads).toEqual(['61', '61']);
    expect(JSON.parse(first.body)).toEqual({ '610102': [['004', '韩森寨街道']] });
    expect(data.divisions()).toBe(data.divisions());
  });
});

it('both are in the OpenAPI document as public routes', async () => {
  const doc = await hall.request<{ paths: Record<string, Record<string, { security?: unknown; parameters?: Array<{ name: string }> }>> }>('GET', '/api/openapi.json');
  const list = doc.body.paths['/api/regions']?.get;
  const streets = doc.body.paths['/api/regions/{province}/streets']?.get;
  expect(list).toBeDefined();
  expect(streets?.parameters?.map((p) => p.name)).toEqual(['province']);
  expect(list?.security).toBeUndefined();
  expect(streets?.security).toBeUndefined();
});
