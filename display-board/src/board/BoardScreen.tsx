import type { HallState } from '@hall/common/hall-state';
import { boardCalls, boardLayout, boardNotices, todaysHours, waitingPage, waitingRows } from './board-view.ts';
import { BoardHeader } from './BoardHeader.tsx';
import { LatestCall } from './LatestCall.tsx';
import { RecentCalls } from './RecentCalls.tsx';
import { WaitingCounts } from './WaitingCounts.tsx';
import { NoticeTicker } from './NoticeTicker.tsx';

/** The hall board: 1920×1080 or 1080×1920, legible from ten metres. */
export function BoardScreen({ state, now }: { state: HallState; now: number }) {
  const layout = boardLayout(state, { width: window.innerWidth, height: window.innerHeight });
  const { latest, recent } = boardCalls(state, layout);
  return (
    <div class={`board layout-${layout}`}>
      <BoardHeader hallName={state.settings.name} zone={state.device?.board?.zone ?? ''} now={now} timeZone={state.settings.timeZone} hours={todaysHours(state, now)} />
      <main class="board-main">
        <LatestCall key={latest ? `${latest.ticketId}@${latest.at}` : 'none'} call={latest} />
        <RecentCalls calls={recent} />
      </main>
      <WaitingCounts {...waitingPage(waitingRows(state), layout, now)} />
      <NoticeTicker notices={boardNotices(state, now)} hotline={state.settings.hotline} />
    </div>
  );
}
