// The clerk desk's REST calls for floor plans (餐饮平面图), with the staff session's token;
// refusals come back with the server's Chinese message. Contract: common/floorplan/api.ts.
import type { PlanDetail, PlanList } from '@hall/common/floorplan/index';
import type { ErrorBody } from '@hall/common/errors';
import { messages } from '../messages.ts';

export type PlanResult<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };

export interface PlanApi {
  byTicket(ticketId: string): Promise<PlanResult<PlanDetail[]>>;
  byCode(code: string): Promise<PlanResult<PlanDetail>>;
  /** The plan's PDF as a Blob, for opening. */
  pdf(id: string): Promise<PlanResult<Blob>>;
}

export const planPdfPath = (id: string): string => `/api/plans/${encodeURIComponent(id)}/pdf`;

export function createPlanApi(token: () => string | null, fetchImpl: typeof fetch = (...args) => fetch(...args)): PlanApi {
  async function get(path: string): Promise<Response> {
    const current = token();
    return fetchImpl(path, { method: 'GET', headers: current ? { authorization: `Bearer ${current}` } : {} });
  }
  async function refusal(response: Response): Promise<{ ok: false; message: string; field?: string }> {
    const parsed: unknown = await response.json().catch(() => null);
    const error = (parsed as { error?: ErrorBody } | null)?.error;
    return { ok: false, message: error?.message ?? messages.plan.failed, ...(error?.field ? { field: error.field } : {}) };
  }
  async function json<T>(path: string): Promise<PlanResult<T>> {
    try {
      const response = await get(path);
      if (!response.ok) return await refusal(response);
      return { ok: true, data: (await response.json()) as T };
    } catch {
      return { ok: false, message: messages.net.offline };
    }
  }
  return {
    byTicket: async (ticketId) => {
      const r = await json<PlanList>(`/api/plans?ticketId=${encodeURIComponent(ticketId)}`);
      return r.ok ? { ok: true, data: r.data.plans } : r;
    },
    byCode: (code) => json(`/api/plans/by-code/${encodeURIComponent(code)}`),
    pdf: async (id) => {
      try {
        const response = await get(planPdfPath(id));
        return response.ok ? { ok: true, data: await response.blob() } : await refusal(response);
      } catch {
        return { ok: false, message: messages.net.offline };
      }
    },
  };
}
