// The web font (Noto Sans SC, about 100 KB of @font-face rules over hundreds of subsets) is
// applied after the first render: until then the system's Chinese font draws the home screen,
// so the kiosk is usable before the browser has digested the font rules.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
