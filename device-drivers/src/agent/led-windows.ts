// Window PC (or one hall PC per RS-485 line) duties for LED number displays: every change of
// a window's state that the hall link reports becomes the content of the displays above that
// window, as the configuration's rules say (call and recall blink, pause shows dashes…).
import type { Logger } from 'pino';
import { ledContentFor, type LedRules } from '../led/content.ts';
import type { DeviceHub } from './devices.ts';
import type { HallLink } from './hall-link.ts';

export function connectLedDisplays(hub: DeviceHub, link: HallLink, rules: LedRules, logger: Logger): void {
  link.on('windows', (changes) => {
    for (const { view, cause } of changes) {
      const shown = hub.showOnWindowLeds(view.windowNumber, ledContentFor(view, cause, rules));
      if (shown && cause !== 'update') logger.debug({ window: view.windowNumber, cause, displays: shown }, 'window call on LED displays');
    }
  });
}
