import { useEffect, useState } from 'react';
import type { ApplicationView } from '../../../src-main/api/applicationViews.ts';
import { call } from '../../shared/client.ts';
import { useText } from '../../shared/i18n.ts';
import { listCameras, type CameraChoice } from '../face/camera.ts';
import { FacePhoto, type CapturedFacePhoto } from '../face/FacePhoto.tsx';
import { base64Of } from './CameraCapture.tsx';
import { useInterview } from './store.ts';
import { interviewTexts as it } from './texts.ts';

/** This station's camera, chosen once by the IT person or officer and kept on this PC. */
const cameraKey = 'loket.counter.camera';

const words = {
  camera: { id: 'Kamera', en: 'Camera' },
  defaultCamera: { id: 'Bawaan', en: 'Default' },
  override: { id: 'Diambil dengan alasan petugas', en: "Taken with the officer's reason" },
};

/**
 * The face photo: the camera with live guidance (../face/), then the saved 35×45 photo, sealed at
 * the hub, shown back with the checks it passed; retake at will.
 */
export function FacePanel({ application }: { application: ApplicationView }) {
  const t = useText();
  const { busy, change } = useInterview();
  const [taking, setTaking] = useState(application.face === null);
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [camera, setCamera] = useState(() => localStorage.getItem(cameraKey) ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    void listCameras()
      .then(setCameras)
      .catch(() => setCameras([]));
  }, []);
  const imageId = application.face?.imageId;
  useEffect(() => {
    if (!imageId) return setSaved(null);
    let current = true;
    void call('facePhoto', { applicationId: application.id })
      .then((photo) => current && setSaved(`data:image/jpeg;base64,${photo.jpeg}`))
      .catch(() => current && setSaved(null));
    return () => {
      current = false;
    };
  }, [application.id, imageId]);
  const captured = async (photo: CapturedFacePhoto) => {
    const done = await change('saveFacePhoto', {
      applicationId: application.id,
      jpeg: await base64Of(photo.jpeg),
      checks: photo.checks.map((c) => ({ id: c.id, passed: c.state === 'pass' })),
      override: photo.override,
    });
    if (done) setTaking(false);
  };
  return (
    <section className="panel" data-testid="face-panel">
      <h3>{t(it.photo)}</h3>
      <label className="row">
        {t(words.camera)}{' '}
        <select
          value={camera}
          onChange={(event) => {
            setCamera(event.target.value);
            localStorage.setItem(cameraKey, event.target.value);
          }}
          data-testid="camera-choice"
        >
          <option value="">{t(words.defaultCamera)}</option>
          {cameras.map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {taking ? (
        <FacePhoto
          {...(camera ? { deviceId: camera } : {})}
          onCaptured={(photo) => void captured(photo)}
          onCancel={() => setTaking(application.face === null)}
        />
      ) : (
        <div className="face-saved" data-testid="face-saved">
          {saved && <img src={saved} alt="" className="face-thumb" data-testid="face-thumb" />}
          <p>{t(it.photoSaved)}</p>
          {application.face?.override && (
            <p className="notice">
              {t(words.override)}: {application.face.override.reason}
            </p>
          )}
          <button type="button" disabled={busy} onClick={() => setTaking(true)} data-testid="retake-photo">
            {t(it.retakePhoto)}
          </button>
        </div>
      )}
    </section>
  );
}
