// The handwritten signature: a finger (or pen) draws on a canvas with pointer events; 清除重签
// starts again. The value is the drawing as a PNG data URL, set when a stroke ends.
import { useEffect, useRef } from 'preact/hooks';
import { useSignal } from '@preact/signals';
import { messages } from '../messages.ts';

const s = messages.forms.sign;
const WIDTH = 720;
const HEIGHT = 240;

export function SignaturePad({ value, onChange, testId }: { value: string; onChange: (v: string | undefined) => void; testId: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const signed = useSignal(Boolean(value));

  // Coming back to the page shows the signature already given.
  useEffect(() => {
    const c = canvas.current;
    if (!c || !value) return;
    const img = new Image();
    img.onload = () => c.getContext('2d')?.drawImage(img, 0, 0, WIDTH, HEIGHT);
    img.src = value;
  }, []);

  function point(e: PointerEvent): { x: number; y: number } {
    const rect = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - rect.left) / rect.width) * WIDTH, y: ((e.clientY - rect.top) / rect.height) * HEIGHT };
  }

  function down(e: PointerEvent) {
    e.preventDefault();
    canvas.current!.setPointerCapture?.(e.pointerId);
    drawing.current = point(e);
  }

  function move(e: PointerEvent) {
    const from = drawing.current;
    if (!from) return;
    const to = point(e);
    const ctx = canvas.current!.getContext('2d')!;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    drawing.current = to;
    signed.value = true;
  }

  function up() {
    if (!drawing.current) return;
    drawing.current = null;
    if (signed.value) onChange(canvas.current!.toDataURL('image/png'));
  }

  function clear() {
    canvas.current!.getContext('2d')!.clearRect(0, 0, WIDTH, HEIGHT);
    signed.value = false;
    onChange(undefined);
  }

  return (
    <div class={`forms-signature ${signed.value ? 'signed' : ''}`} data-testid={testId}>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        class="forms-signature-canvas"
        aria-label={s.title}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onPointerLeave={up}
      />
      <div class="forms-signature-bar">
        <span class="forms-signature-state">{signed.value ? s.done : s.empty}</span>
        <button type="button" class="secondary-button" onClick={clear}>
          {s.clear}
        </button>
      </div>
    </div>
  );
}
