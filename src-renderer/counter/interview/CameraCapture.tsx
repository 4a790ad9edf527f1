import { useEffect, useRef, useState } from 'react';
import { useText } from '../../shared/i18n.ts';

const words = {
  capture: { id: 'Ambil gambar', en: 'Take the picture' },
  retake: { id: 'Ulangi', en: 'Retake' },
  noCamera: { id: 'Kamera tidak tersedia.', en: 'No camera is available.' },
};

/** A blob's bytes in base64 (no data: prefix), as the hub's photo inputs take them. */
export async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Base64 JPEG of a canvas. */
async function canvasJpeg(canvas: HTMLCanvasElement, quality: number): Promise<string> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));
  if (!blob) throw new Error('the picture could not be encoded');
  return base64Of(blob);
}

/**
 * A plain picture from the counter's camera: the photo of a hand for a fingerprint exception. The
 * face photo has its own screen with guidance and checks (../face/).
 */
export function CameraCapture({
  deviceId,
  onCaptured,
  testId,
}: {
  deviceId?: string | undefined;
  onCaptured(jpeg: string | null): void;
  testId: string;
}) {
  const t = useText();
  const video = useRef<HTMLVideoElement>(null);
  const [still, setStill] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (still) return;
    let stream: MediaStream | null = null;
    let stopped = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: deviceId ? { deviceId: { exact: deviceId } } : true, audio: false })
      .then((media) => {
        if (stopped) return media.getTracks().forEach((track) => track.stop());
        stream = media;
        if (video.current) {
          video.current.srcObject = media;
          void video.current.play().catch(() => undefined);
        }
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [deviceId, still]);
  const take = async () => {
    const source = video.current;
    if (!source || !source.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = source.videoWidth;
    canvas.height = source.videoHeight;
    canvas.getContext('2d')?.drawImage(source, 0, 0);
    const jpeg = await canvasJpeg(canvas, 0.85);
    setStill(`data:image/jpeg;base64,${jpeg}`);
    onCaptured(jpeg);
  };
  if (failed) return <p className="notice warn">{t(words.noCamera)}</p>;
  return (
    <div className="camera-capture" data-testid={testId}>
      {still ? (
        <img src={still} alt="" className="still" />
      ) : (
        <video ref={video} muted playsInline className="live" />
      )}
      {still ? (
        <button
          type="button"
          onClick={() => {
            setStill(null);
            onCaptured(null);
          }}
        >
          {t(words.retake)}
        </button>
      ) : (
        <button type="button" onClick={() => void take()} data-testid={`${testId}-take`}>
          {t(words.capture)}
        </button>
      )}
    </div>
  );
}
