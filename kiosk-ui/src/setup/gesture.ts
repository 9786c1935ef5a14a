// The hidden way into setup mode: five taps in the top-left corner within three seconds.
// Pure over tap times so it is tested without a screen.
export const SETUP_TAPS = 5;
export const SETUP_WINDOW_MS = 3000;

export function createTapCounter(onTriggered: () => void, taps = SETUP_TAPS, windowMs = SETUP_WINDOW_MS) {
  let times: number[] = [];
  return (at: number) => {
    times = [...times.filter((t) => at - t < windowMs), at];
    if (times.length >= taps) {
      times = [];
      onTriggered();
    }
  };
}
