import { expect, it } from 'vitest';
import { defaultSettings, parseSettings } from './settings.ts';

it('nothing stored: defaults', () => expect(parseSettings(null)).toEqual(defaultSettings));
it('garbage: defaults', () => expect(parseSettings('{not json')).toEqual(defaultSettings));
it('each bad field falls back alone; numbers are clamped', () => {
  const s = parseSettings(JSON.stringify({ name: '一楼东', tiles: ['guides', 'nope', 'guides'], idleSeconds: 2, attractSeconds: 'x', agentUrl: 'ftp://x', orientation: 'portrait' }));
  expect(s).toMatchObject({ name: '一楼东', tiles: ['guides'], idleSeconds: 15, attractSeconds: 180, agentUrl: 'http://127.0.0.1:7600', orientation: 'portrait' });
});

it('repeats the agent constants of common/src/agent.ts faithfully', async () => {
  const { AGENT_DEFAULT_PORT, agentErrorMessages } = await import('@hall/common/agent');
  const { messages } = await import('../messages.ts');
  expect(defaultSettings.agentUrl).toBe(`http://127.0.0.1:${AGENT_DEFAULT_PORT}`);
  expect(messages.net.agentTimeout).toBe(agentErrorMessages.TIMEOUT);
});

it('a fresh kiosk shows every built function: 分类抽号, 自助填单, 餐饮平面图绘制, 证照打印, 办事指南', async () => {
  const { homeTiles } = await import('../shell/tiles.ts');
  expect(parseSettings(null).tiles).toEqual(['ticketing', 'forms', 'floorplan', 'certificates', 'guides']);
  expect(homeTiles(parseSettings(null).tiles).map((t) => t.label)).toEqual(['分类抽号', '自助填单', '餐饮平面图绘制', '证照打印', '办事指南']);
});
