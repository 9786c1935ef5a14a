// What setup mode changes on this kiosk, kept in the kiosk's own local storage: it belongs to
// the machine (its screen, its agent), not to the hall, so the hall server never sees it.
// Parsing is forgiving field by field: one bad value falls back to its default instead of
// wiping the rest.

export const tileIds = ['ticketing', 'appointments', 'forms', 'floorplan', 'certificates', 'guides'] as const;
export type TileId = (typeof tileIds)[number];

export type Orientation = 'auto' | 'portrait' | 'landscape';

export interface KioskSettings {
  /** The name setup mode gives this kiosk (shown in setup and in help requests' notes). */
  name: string;
  /** Tiles the home screen shows, in order; only built functions are ever shown. */
  tiles: TileId[];
  orientation: Orientation;
  /** Seconds without a touch before the countdown starts. */
  idleSeconds: number;
  /** Length of the countdown before everything is cleared. */
  countdownSeconds: number;
  /** Seconds at home without a touch before the attract screen shows. */
  attractSeconds: number;
  /** Where the local device agent listens. */
  agentUrl: string;
  /** SHA-256 (hex) of `hall-kiosk-pin:` + PIN; null means the documented demo PIN. */
  pinHash: string | null;
}

export const SETTINGS_KEY = 'hall.kiosk.settings';
/**
 * common/src/agent.ts's AGENT_DEFAULT_PORT, repeated: importing a value from that module
 * would pull zod and every agent schema into the JavaScript loaded before home (a test keeps
 * the two equal).
 */
export const DEFAULT_AGENT_URL = 'http://127.0.0.1:7600';

export const defaultSettings: KioskSettings = {
  name: '',
  tiles: ['ticketing', 'forms', 'floorplan', 'certificates', 'guides'],
  orientation: 'auto',
  idleSeconds: 60,
  countdownSeconds: 10,
  attractSeconds: 180,
  agentUrl: DEFAULT_AGENT_URL,
  pinHash: null,
};

export const limits = {
  idleSeconds: [15, 600],
  countdownSeconds: [3, 60],
  attractSeconds: [30, 3600],
} as const;

export function parseSettings(raw: string | null): KioskSettings {
  let input: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (parsed && typeof parsed === 'object') input = parsed as Record<string, unknown>;
  } catch {
    // A corrupt entry is treated as none: the kiosk must start.
  }
  const d = defaultSettings;
  const num = (key: keyof typeof limits) => {
    const v = input[key];
    const [min, max] = limits[key];
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : d[key];
  };
  const tiles = Array.isArray(input.tiles) ? input.tiles.filter((t): t is TileId => tileIds.includes(t as TileId)) : d.tiles;
  return {
    name: typeof input.name === 'string' ? input.name.slice(0, 30) : d.name,
    tiles: [...new Set(tiles)],
    orientation: input.orientation === 'portrait' || input.orientation === 'landscape' ? input.orientation : 'auto',
    idleSeconds: num('idleSeconds'),
    countdownSeconds: num('countdownSeconds'),
    attractSeconds: num('attractSeconds'),
    agentUrl: typeof input.agentUrl === 'string' && isHttpUrl(input.agentUrl) ? input.agentUrl : d.agentUrl,
    pinHash: typeof input.pinHash === 'string' && /^[0-9a-f]{64}$/.test(input.pinHash) ? input.pinHash : null,
  };
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
