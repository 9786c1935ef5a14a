// What a window PC's agent needs from the hall server, as a small interface: hear the calls
// for its window, send keypad actions and ratings, report device faults. The Socket.IO
// implementation against the server's /agent namespace is in hall-link-socketio.ts; only that
// file changes when the server's protocol does.
import type { EventEmitter } from 'node:events';
import type { KeypadAction, RatingLevel } from '@hall/common/agent';
import type { WindowChange } from './window-views.ts';

export type HallLinkState = 'disabled' | 'connecting' | 'connected' | 'disconnected' | 'refused';

/** A call at this agent's window. */
export interface WindowCall {
  number: string;
  windowNumber: number | null;
  recall: boolean;
  /** Tickets still waiting in the called ticket's category, when known. */
  waiting?: number;
}

export interface HallLinkEvents {
  state: [state: HallLinkState, reason?: string];
  call: [call: WindowCall];
  /** Every window's state for its LED display: all windows after a snapshot, then those an event changed. */
  windows: [changes: WindowChange[]];
}

export type HallLinkResult = { ok: true } | { ok: false; code: string; message: string };

export interface DeviceFault {
  device: string;
  code: string;
  message: string;
}

export interface HallLink extends EventEmitter<HallLinkEvents> {
  readonly state: HallLinkState;
  keypadAction(action: KeypadAction): Promise<HallLinkResult>;
  rating(level: RatingLevel): Promise<HallLinkResult>;
  /** The full list of current faults; an empty list clears them. */
  reportFaults(faults: DeviceFault[]): Promise<HallLinkResult>;
  close(): Promise<void>;
}
