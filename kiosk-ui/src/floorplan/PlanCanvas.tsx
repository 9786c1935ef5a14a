// The drawing surface: pointer events in, gestures to the model, the plan out through the
// renderer (the Konva module, loaded with this chunk). Touch only steers through the gesture
// interpreter, so one finger draws and two fingers zoom and pan.
import { useEffect, useRef } from 'preact/hooks';
import { useSignalEffect } from '@preact/signals';
import { createRenderer, type PlanRenderer } from './render/konva-renderer.ts';
import { initialGesture, pointerDown, pointerMove, pointerUp, type GestureState } from './gesture.ts';
import type { EditorModel } from './editor-model.ts';
import { messages } from '../messages.ts';
import { flowKindNames, symbolDef, zoneName, type FloorPlan } from '@hall/common/floorplan/index';

const CANVAS_FONT = "'Noto Sans SC'";

// The kiosk's CJK font comes in unicode-range pieces that the browser fetches only for text
// it lays out; the canvas does not ask for them, so names drawn only on the canvas would show
// as empty boxes. Every character the plan may draw is requested once; when new pieces
// arrive, the text is measured and drawn again.
const requested = new Set<string>();
function loadGlyphs(plan: FloorPlan, then: () => void): void {
  const text = planText(plan);
  const fresh = [...text].filter((c) => !requested.has(c));
  if (!fresh.length || !document.fonts) return;
  for (const c of fresh) requested.add(c);
  void Promise.all([document.fonts.load(`16px ${CANVAS_FONT}`, fresh.join('')), document.fonts.load(`bold 16px ${CANVAS_FONT}`, fresh.join(''))]).then(
    (faces) => faces.some((f) => f.length > 0) && then(),
    () => {},
  );
}

function planText(plan: FloorPlan): string {
  const parts: string[] = ['0123456789.米㎡', ...Object.values(flowKindNames)];
  for (const z of plan.zones) parts.push(zoneName(z));
  for (const f of plan.fixtures) parts.push(f.label ?? symbolDef(f.symbol).name);
  for (const l of plan.labels) parts.push(l.text);
  return parts.join('');
}

export function PlanCanvas({ model, contrast }: { model: EditorModel; contrast: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const renderer = useRef<PlanRenderer | null>(null);
  const gesture = useRef<GestureState>(initialGesture);
  const frame = useRef(0);
  const contrastRef = useRef(contrast);
  contrastRef.current = contrast;

  const draw = () => {
    frame.current = 0;
    const r = renderer.current;
    if (!r) return;
    const hl = model.highlight.peek();
    r.render({
      plan: model.shown.peek(),
      view: model.view.peek(),
      selected: model.selected.peek(),
      highlight: new Set(hl?.ids ?? []),
      toolState: model.toolState.peek(),
      tool: model.tool.peek(),
      measurement: model.measurement.peek(),
      contrast: contrastRef.current,
    });
    box.current?.setAttribute('data-drawn', String(r.drawnCount()));
    box.current?.setAttribute('data-contrast', String(contrastRef.current));
    loadGlyphs(model.shown.peek(), () => {
      renderer.current?.invalidate();
      schedule();
    });
  };
  const schedule = () => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  };

  useEffect(() => {
    const el = box.current!;
    const rect = el.getBoundingClientRect();
    renderer.current = createRenderer(el.querySelector<HTMLDivElement>('.plan-stage')!, rect.width, rect.height);
    model.setScreen(rect.width, rect.height);
    const observer = new ResizeObserver(() => {
      const r = el.getBoundingClientRect();
      renderer.current?.resize(r.width, r.height);
      model.setScreen(r.width, r.height);
      schedule();
    });
    observer.observe(el);
    draw();
    return () => {
      observer.disconnect();
      if (frame.current) cancelAnimationFrame(frame.current);
      renderer.current?.destroy();
      renderer.current = null;
    };
  }, []);

  useEffect(schedule, [contrast]);
  // Redraw on the next frame whenever anything drawn changes.
  useSignalEffect(() => {
    void model.shown.value;
    void model.view.value;
    void model.selected.value;
    void model.highlight.value;
    void model.toolState.value;
    void model.tool.value;
    void model.measurement.value;
    schedule();
  });

  const local = (e: PointerEvent) => {
    const r = box.current!.getBoundingClientRect();
    return { id: e.pointerId, x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const feed = (step: (s: GestureState) => { state: GestureState; gestures: ReturnType<typeof pointerDown>['gestures'] }) => {
    const { state, gestures } = step(gesture.current);
    gesture.current = state;
    for (const g of gestures) model.gesture(g);
  };

  return (
    <div
      ref={box}
      class="plan-canvas"
      data-testid="plan-canvas"
      role="application"
      aria-label={messages.floorplan.canvasLabel}
      onPointerDown={(e) => {
        (e.currentTarget as HTMLElement).setPointerCapture?.(e.pointerId);
        feed((s) => pointerDown(s, local(e)));
      }}
      onPointerMove={(e) => feed((s) => pointerMove(s, local(e)))}
      onPointerUp={(e) => feed((s) => pointerUp(s, local(e)))}
      onPointerCancel={(e) => feed((s) => pointerUp(s, local(e), true))}
      onWheel={(e) => {
        const r = box.current!.getBoundingClientRect();
        model.gesture({ kind: 'view', factor: e.deltaY < 0 ? 1.1 : 1 / 1.1, around: { x: e.clientX - r.left, y: e.clientY - r.top } as never, dx: 0, dy: 0 });
      }}
    >
      <div class="plan-stage" />
    </div>
  );
}
