import { expect, it } from 'vitest';
import { createFormsApi, FormsApiError } from './forms-api.ts';

function fakeFetch(answer: (url: string) => Response) {
  const urls: string[] = [];
  const doFetch = async (input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    return answer(url);
  };
  return { urls, doFetch: doFetch as typeof fetch };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

it('region data comes from the hall server: the list, then one province’s streets', async () => {
  const divisions = { meta: { standard: 'GB/T 2260', source: 'test', asOf: '2023-06-30' }, provinces: [['61', '陕西省', [['01', '西安市', [['02', '新城区']]]]]] };
  const streets = { '610102': [['004', '韩森寨街道']] };
  const { urls, doFetch } = fakeFetch((url) => json(url.endsWith('/streets') ? streets : divisions));
  const api = createFormsApi({ fetch: doFetch });
  expect(await api.regions()).toEqual(divisions);
  // Any code in the province asks for that province's file.
  expect(await api.streets('610102')).toEqual(streets);
  expect(urls).toEqual(['/api/regions', '/api/regions/61/streets']);
});

it('a server without region data is a failure to show, not a quiet switch to another copy', async () => {
  const { urls, doFetch } = fakeFetch(() => json({ error: { code: 'NOT_FOUND', message: '没有这个接口' } }, 404));
  const api = createFormsApi({ fetch: doFetch });
  await expect(api.regions()).rejects.toEqual(new FormsApiError('NOT_FOUND', '没有这个接口'));
  await expect(api.streets('81')).rejects.toBeInstanceOf(FormsApiError);
  expect(urls).toEqual(['/api/regions', '/api/regions/81/streets']);
});
