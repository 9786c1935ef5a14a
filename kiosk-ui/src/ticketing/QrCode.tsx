// The ticket's QR, drawn in the browser from the same URL the slip prints. The encoder is
// loaded with the ticket screen, not before home.
import { useEffect, useState } from 'preact/hooks';

export function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((QR) =>
      QR.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then((s) => {
        if (live) setSvg(s);
      }),
    );
    return () => void (live = false);
  }, [text]);
  return (
    <div class="qr" role="img" aria-label={label} data-qr={text}>
      {svg && <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} />}
    </div>
  );
}
