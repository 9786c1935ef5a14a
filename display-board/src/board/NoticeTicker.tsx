import { messages } from '../messages.ts';

/** One line scrolling right to left; its speed follows the text length, not the screen. */
export function NoticeTicker({ notices, hotline }: { notices: string[]; hotline: string }) {
  const parts = [...notices, ...(hotline ? [messages.board.hotline(hotline)] : []), messages.board.privacy];
  const text = parts.join('　　　');
  const seconds = Math.max(20, Math.round(text.length * 0.5));
  return (
    <footer class="notice-ticker">
      <div class="notice-track" style={{ animationDuration: `${seconds}s` }} key={text}>
        <span>{text}</span>
      </div>
    </footer>
  );
}
