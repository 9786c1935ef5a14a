// GB/T 2260 region data for the kiosk's cascading pickers (自助填单): public reference data,
// sent from a cached serialisation with an ETag and a day's Cache-Control, so a kiosk fetches
// each file once and afterwards at most revalidates it (304).
import type { Request, Response } from 'express';
import { provinceParamsSchema, regionDatasetSchema, streetDatasetSchema } from '@hall/common/forms/index';
import type { CachedJson, RegionData } from '../../forms/region-data.ts';
import { route } from '../route.ts';

/** Region codes change once a year at most; a day's staleness after a server update is fine. */
export const REGION_CACHE_CONTROL = 'public, max-age=86400';

export function regionRoutes(regions: RegionData) {
  return [
    route({
      method: 'get',
      path: '/api/regions',
      summary: '行政区划（GB/T 2260，省、市、县三级），供自助填单的地区选择；带 ETag，可用 If-None-Match 重新验证',
      tag: 'forms',
      access: 'public',
      response: regionDatasetSchema,
      handler: ({ req, res }) => sendCached(req, res, regions.divisions()),
    }),
    route({
      method: 'get',
      path: '/api/regions/:province/streets',
      summary: '一个省的乡级区划（街道、镇、乡），按县级代码分组；带 ETag',
      tag: 'forms',
      access: 'public',
      params: provinceParamsSchema,
      response: streetDatasetSchema,
      handler: async ({ params, req, res }) => sendCached(req, res, await regions.streets(params.province)),
    }),
  ];
}

function sendCached(req: Request, res: Response, json: CachedJson): void {
  res.setHeader('ETag', json.etag);
  res.setHeader('Cache-Control', REGION_CACHE_CONTROL);
  if (matches(req.headers['if-none-match'], json.etag)) res.status(304).end();
  else res.status(200).type('application/json').send(json.body);
}

/**
 * If-None-Match against our ETag, compared weakly (RFC 9110 13.1.2). Not Express's req.fresh:
 * that ignores validators whenever the request says Cache-Control: no-cache, which fetch()
 * adds to every request carrying its own If-None-Match; an origin server may still say 304.
 */
export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
