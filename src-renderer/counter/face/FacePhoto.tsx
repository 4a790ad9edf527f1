import { useEffect, useRef, useState } from 'react';
import type { Bilingual } from '../../../src-main/domain/errors.ts';
import { useText } from '../../shared/i18n.ts';
import { useCamera } from './camera.ts';
import { allPassed, assessPhoto, type FaceCheck } from './checks.ts';
import { centreCrop, type Rect, type Size } from './crop.ts';
import { cropToJpeg, grabFrame, photoPixels } from './frames.ts';
import { checkNames, faceTexts } from './texts.ts';
import { useFaceDetector, useLiveChecks } from './useFaceChecks.ts';
import './face.css';

/** The photo handed to the interview: a 35 × 45 JPEG, its checks, and the officer's reason if any failed. */
export interface CapturedFacePhoto {
  jpeg: Blob;
  width: number;
  height: number;
  checks: FaceCheck[];
  override: { reason: string } | null;
}

export interface FacePhotoProps {
  /** The station's chosen camera (camera.ts `listCameras`); the PC's default when absent. */
  deviceId?: string;
  onCaptured(photo: CapturedFacePhoto): void;
  onCancel(): void;
}

interface Taken {
  jpeg: Blob;
  preview: string;
  checks: FaceCheck[];
}

/**
 * The face photo at the counter: a live picture with guidance for the citizen, a capture, the
 * cropped 35 × 45 result with its checks, retake, and, when a check failed, the officer's reason
 * to use it anyway.
 */
export function FacePhoto({ deviceId, onCaptured, onCancel }: FacePhotoProps) {
  const t = useText();
  const camera = useCamera(deviceId);
  const detector = useFaceDetector();
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [taking, setTaking] = useState(false);
  const [taken, setTaken] = useState<Taken | null>(null);
  const [takeFailed, setTakeFailed] = useState(false);
  const ready = detector.kind === 'ready' ? detector.detector : null;
  const live = useLiveChecks(video, ready, camera.kind === 'on' && playing && !taken);

  useEffect(() => {
    if (video.current && camera.kind === 'on') video.current.srcObject = camera.stream;
  }, [camera]);

  const take = async () => {
    const frame = video.current ? grabFrame(video.current) : null;
    if (!frame) return;
    setTaking(true);
    setTakeFailed(false);
    try {
      const faces = ready ? await ready.detect(frame.canvas) : [];
      const assessment = assessPhoto(frame.pixels, faces);
      const crop = assessment.crop?.rect ?? centreCrop(frame.pixels);
      setTaken({ ...(await cropToJpeg(frame, crop)), checks: assessment.checks });
    } catch (error) {
      console.error('face photo capture failed', error);
      setTakeFailed(true);
    } finally {
      setTaking(false);
    }
  };

  if (camera.kind === 'failed') {
    return (
      <section className="face-photo" aria-label={t(faceTexts.title)}>
        <p className="message" role="alert" data-testid="face-camera-failed" data-reason={camera.reason}>
          {t(faceTexts.cameraFailed)}
        </p>
        <button type="button" onClick={onCancel}>
          {t(faceTexts.cancel)}
        </button>
      </section>
    );
  }

  return (
    <section className="face-photo" aria-label={t(faceTexts.title)} data-testid="face-photo">
      <h2>{t(faceTexts.title)}</h2>
      <div className="face-columns">
        <div className="face-live" hidden={taken !== null}>
          <div className="face-stage">
            <video
              ref={video}
              muted
              playsInline
              autoPlay
              aria-label={t(faceTexts.preview)}
              data-testid="face-preview"
              onPlaying={() => setPlaying(true)}
            />
            {live?.crop && <CropGuide rect={live.crop.rect} frame={live.frame} ok={live.crop.fit === 'ok'} />}
          </div>
          <Guidance
            text={
              camera.kind === 'starting'
                ? faceTexts.startingCamera
                : detector.kind === 'loading'
                  ? faceTexts.loadingDetector
                  : detector.kind === 'failed'
                    ? faceTexts.detectorFailed
                    : live
                      ? (live.guidance ?? faceTexts.ready)
                      : faceTexts.loadingDetector
            }
            good={live !== null && live.guidance === null}
          />
          {live && <CheckList checks={live.checks} testId="face-live-checks" />}
          {takeFailed && (
            <p className="message" role="alert">
              {t(faceTexts.captureFailed)}
            </p>
          )}
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => void take()}
              disabled={!playing || taking || detector.kind === 'loading'}
            >
              {t(faceTexts.capture)}
            </button>
            <button type="button" onClick={onCancel}>
              {t(faceTexts.cancel)}
            </button>
          </div>
        </div>
        {taken && (
          <Review
            taken={taken}
            onRetake={() => setTaken(null)}
            onCancel={onCancel}
            onAccept={(override) =>
              onCaptured({ jpeg: taken.jpeg, ...photoPixels, checks: taken.checks, override })
            }
          />
        )}
      </div>
    </section>
  );
}

/** Where the 35 × 45 crop falls in the live picture: solid when the head is framed right. */
function CropGuide({ rect, frame, ok }: { rect: Rect; frame: Size; ok: boolean }) {
  const percent = (part: number, whole: number) => `${(100 * part) / whole}%`;
  return (
    <div
      className={ok ? 'face-guide ok' : 'face-guide'}
      data-testid="face-guide"
      style={{
        left: percent(rect.x, frame.width),
        top: percent(rect.y, frame.height),
        width: percent(rect.width, frame.width),
        height: percent(rect.height, frame.height),
      }}
    />
  );
}

function Guidance({ text, good }: { text: Bilingual; good: boolean }) {
  const t = useText();
  return (
    <p className={good ? 'face-guidance good' : 'face-guidance'} role="status" data-testid="face-guidance">
      {t(text)}
    </p>
  );
}

function CheckList({ checks, testId }: { checks: FaceCheck[]; testId: string }) {
  const t = useText();
  const states = { pass: faceTexts.pass, fail: faceTexts.fail, unchecked: faceTexts.unchecked };
  return (
    <ul className="face-checks" data-testid={testId} aria-label={t(faceTexts.checksTitle)}>
      {checks.map((check) => (
        <li key={check.id} data-check={check.id} data-state={check.state} title={check.detail}>
          <span className="name">{t(checkNames[check.id])}</span>{' '}
          <span className="state">{t(states[check.state])}</span>
          {check.guidance && <span className="advice"> — {t(check.guidance)}</span>}
        </li>
      ))}
    </ul>
  );
}

/** The cropped photo and its checks; a failed check needs the officer's reason to go on. */
function Review({
  taken,
  onRetake,
  onCancel,
  onAccept,
}: {
  taken: Taken;
  onRetake(): void;
  onCancel(): void;
  onAccept(override: { reason: string } | null): void;
}) {
  const t = useText();
  const [reason, setReason] = useState('');
  const passed = allPassed(taken.checks);
  const firstAdvice = taken.checks.find((check) => check.guidance)?.guidance ?? null;
  return (
    <div className="face-result" data-testid="face-result">
      <img
        src={taken.preview}
        alt={t(faceTexts.result)}
        width={photoPixels.width}
        height={photoPixels.height}
      />
      <div className="face-verdict">
        <Guidance text={firstAdvice ?? faceTexts.allPassed} good={passed} />
        <CheckList checks={taken.checks} testId="face-result-checks" />
        {!passed && (
          <label className="face-override">
            {t(faceTexts.overrideReason)}
            <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} />
          </label>
        )}
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={!passed && reason.trim() === ''}
            onClick={() => onAccept(passed ? null : { reason: reason.trim() })}
          >
            {t(passed ? faceTexts.accept : faceTexts.acceptOverride)}
          </button>
          <button type="button" onClick={onRetake}>
            {t(faceTexts.retake)}
          </button>
          <button type="button" onClick={onCancel}>
            {t(faceTexts.cancel)}
          </button>
        </div>
      </div>
    </div>
  );
}
