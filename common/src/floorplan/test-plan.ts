// A small plan for the tests of this folder: a 6 × 4 m room split by a partition into a
// kitchen and a dining room, a door in the partition, an outside door, a few fixtures.
// (The shipped templates live in fixtures/floorplan; common does not import fixtures.)
import { floorPlanSchema, type FloorPlan, type FloorPlanInput } from './document.ts';

export function testPlanInput(): FloorPlanInput {
  return {
    format: 'hall.floorplan',
    version: 1,
    title: { operatorName: '测试小吃店', address: '某市某区某路1号', drawnOn: '2026-03-02', seats: 8, area: 24 },
    corners: [
      { id: 'c1', x: 0, y: 0 },
      { id: 'c2', x: 6, y: 0 },
      { id: 'c3', x: 6, y: 4 },
      { id: 'c4', x: 0, y: 4 },
      { id: 'c5', x: 3, y: 0 },
      { id: 'c6', x: 3, y: 4 },
    ],
    walls: [
      { id: 'w1', from: 'c1', to: 'c2', thickness: 0.24 },
      { id: 'w2', from: 'c2', to: 'c3', thickness: 0.24 },
      { id: 'w3', from: 'c3', to: 'c4', thickness: 0.24 },
      { id: 'w4', from: 'c4', to: 'c1', thickness: 0.24 },
      { id: 'w5', from: 'c5', to: 'c6', thickness: 0.12 },
    ],
    openings: [
      { id: 'd1', wall: 'w5', kind: 'door', offset: 2, width: 0.8, swing: { hinge: 'start', side: 'left' } },
      { id: 'd2', wall: 'w3', kind: 'door', offset: 1.5, width: 1, swing: { hinge: 'start', side: 'left' }, exterior: true },
      { id: 'win1', wall: 'w1', kind: 'window', offset: 1.5, width: 1.2 },
      { id: 'pw1', wall: 'w5', kind: 'passWindow', offset: 3.4, width: 0.6 },
    ],
    zones: [
      { id: 'z-kitchen', type: 'cutting-cooking', outline: [{ x: 0, y: 0 }, { x: 3, y: 0 }, { x: 3, y: 4 }, { x: 0, y: 4 }] },
      { id: 'z-dining', type: 'dining', outline: [{ x: 3, y: 0 }, { x: 6, y: 0 }, { x: 6, y: 4 }, { x: 3, y: 4 }] },
    ],
    fixtures: [
      { id: 'f-stove', symbol: 'stove', at: { x: 1, y: 0.5 }, width: 1.2, depth: 0.8 },
      { id: 'f-hood', symbol: 'hood', at: { x: 1, y: 0.5 }, width: 1.6, depth: 1 },
      { id: 'f-table', symbol: 'table-square', at: { x: 4.5, y: 2 }, rotation: 45, width: 0.8, depth: 0.8 },
    ],
    flows: [
      { id: 'fl-raw', kind: 'raw', points: [{ x: 1, y: 5 }, { x: 1, y: 2 }] },
      { id: 'fl-out', kind: 'finished', points: [{ x: 2, y: 3.4 }, { x: 5, y: 3.4 }] },
    ],
    labels: [{ id: 'l1', text: '厨房', at: { x: 1.5, y: 2 } }],
    dimensions: [{ id: 'dim1', from: { x: 0, y: 4 }, to: { x: 6, y: 4 }, offset: -0.6 }],
  };
}

export const testPlan = (): FloorPlan => floorPlanSchema.parse(testPlanInput());
