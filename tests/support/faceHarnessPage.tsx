// The face photo alone in a page, for tests/e2e/face-photo.test.ts: bundled by esbuild from the
// test (tests/support/faceHarness.ts), without the rest of the counter app.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  listCameras,
  openCamera,
  stopCamera,
  type CameraChoice,
} from '../../src-renderer/counter/face/camera.ts';
import { FacePhoto, type CapturedFacePhoto } from '../../src-renderer/counter/face/FacePhoto.tsx';
import '../../src-renderer/shared/station.css';

/** What the interview would receive, as the test reads it. */
function Captured({ photo }: { photo: CapturedFacePhoto }) {
  const summary = {
    type: photo.jpeg.type,
    bytes: photo.jpeg.size,
    width: photo.width,
    height: photo.height,
    override: photo.override,
    failed: photo.checks.filter((check) => check.state !== 'pass').map((check) => check.id),
  };
  return <output data-testid="captured">{JSON.stringify(summary)}</output>;
}

function Harness({ cameras }: { cameras: CameraChoice[] }) {
  const [captured, setCaptured] = useState<CapturedFacePhoto | null>(null);
  const [cancelled, setCancelled] = useState(false);
  if (captured) return <Captured photo={captured} />;
  if (cancelled) return <output data-testid="cancelled">cancelled</output>;
  return (
    <>
      <p data-testid="cameras">{cameras.map((camera) => camera.label).join(', ')}</p>
      <FacePhoto
        deviceId={cameras[0]?.deviceId}
        onCaptured={setCaptured}
        onCancel={() => setCancelled(true)}
      />
    </>
  );
}

// How many cameras the page holds open (each one's light is on), for the test to read.
const opened: MediaStream[] = [];
const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await getUserMedia(constraints);
  opened.push(stream);
  return stream;
};
const camerasOn = () =>
  opened.flatMap((stream) => stream.getVideoTracks()).filter((track) => track.readyState === 'live').length;
Object.assign(window, { camerasOn });

// As a station's configuration would: once allowed a camera, the browser lists them by name and id.
stopCamera(await openCamera());
const cameras = await listCameras();
const root = document.createElement('main');
root.className = 'officer';
document.body.append(root);
createRoot(root).render(<Harness cameras={cameras} />);
