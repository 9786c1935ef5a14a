// 餐饮平面图: the floor-plan document, its geometry, edits as data, and the rule checks — pure
// code shared by the kiosk editor, the hall server (storage, PDF) and the clerk desk.
// See document.ts for the model and ../shared/docs/floorplan.md for the rules.
export * from './units.ts';
export * from './zones.ts';
export * from './symbols.ts';
export * from './document.ts';
export * from './migrate.ts';
export * from './geometry.ts';
export * from './plan-geometry.ts';
export * from './snap.ts';
export * from './hit.ts';
export * from './actions.ts';
export * from './rules.ts';
export * from './check.ts';
export * from './api.ts';
