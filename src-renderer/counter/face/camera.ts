import { useEffect, useState } from 'react';

/** A camera the station's configuration can choose, by its `deviceId`. */
export interface CameraChoice {
  deviceId: string;
  label: string;
}

/**
 * The video inputs of this PC. Browsers name them only once the page has been allowed a camera;
 * until then they are "Kamera 1", "Kamera 2", …
 */
export async function listCameras(): Promise<CameraChoice[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices
    .filter((device) => device.kind === 'videoinput')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `Kamera ${index + 1}` }));
}

/** The chosen camera (exactly that one), or the default; a large frame for a sharp 35 × 45 crop. */
export function openCamera(deviceId?: string): Promise<MediaStream> {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: deviceId ? { ...size, deviceId: { exact: deviceId } } : size,
  });
}

/** Turns the camera off (its light too). */
export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

export type CameraState =
  { kind: 'starting' } | { kind: 'on'; stream: MediaStream } | { kind: 'failed'; reason: string };

/** The camera while the component is mounted: opened on mount and stopped on unmount. */
export function useCamera(deviceId: string | undefined): CameraState {
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  useEffect(() => {
    let stream: MediaStream | null = null;
    let unmounted = false;
    setState({ kind: 'starting' });
    openCamera(deviceId).then(
      (opened) => {
        if (unmounted) return stopCamera(opened);
        stream = opened;
        setState({ kind: 'on', stream: opened });
      },
      (error: unknown) => {
        if (!unmounted)
          setState({ kind: 'failed', reason: error instanceof Error ? error.name : String(error) });
      },
    );
    return () => {
      unmounted = true;
      if (stream) stopCamera(stream);
    };
  }, [deviceId]);
  return state;
}
