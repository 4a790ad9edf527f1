import { useEffect, useState, type RefObject } from 'react';
import { assessPhoto, type PhotoAssessment } from './checks.ts';
import type { Size } from './crop.ts';
import { loadFaceDetector, type FaceDetector } from './detector.ts';
import { grabFrame } from './frames.ts';

export type DetectorState =
  { kind: 'loading' } | { kind: 'ready'; detector: FaceDetector } | { kind: 'failed' };

/** The face detector, loaded on first use (the page's first face photo waits a second or two). */
export function useFaceDetector(): DetectorState {
  const [state, setState] = useState<DetectorState>({ kind: 'loading' });
  useEffect(() => {
    let unmounted = false;
    loadFaceDetector().then(
      (detector) => !unmounted && setState({ kind: 'ready', detector }),
      (error: unknown) => {
        console.error('face detector failed to load', error);
        if (!unmounted) setState({ kind: 'failed' });
      },
    );
    return () => {
      unmounted = true;
    };
  }, []);
  return state;
}

/** Between the end of one frame's checks and the start of the next: a few updates a second. */
const pauseMs = 200;

export interface LiveAssessment extends PhotoAssessment {
  frame: Size;
}

/**
 * The checks of the live picture, renewed a few times a second while `active`. One frame at a
 * time: on a slow PC the pace drops rather than the work piling up.
 */
export function useLiveChecks(
  video: RefObject<HTMLVideoElement | null>,
  detector: FaceDetector | null,
  active: boolean,
): LiveAssessment | null {
  const [live, setLive] = useState<LiveAssessment | null>(null);
  useEffect(() => {
    if (!active || !detector) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const next = () => {
      if (!stopped) timer = setTimeout(() => void tick(), pauseMs);
    };
    const tick = async () => {
      const frame = video.current ? grabFrame(video.current) : null;
      if (frame) {
        try {
          const faces = await detector.detect(frame.canvas);
          if (stopped) return;
          const { width, height } = frame.pixels;
          setLive({ ...assessPhoto(frame.pixels, faces), frame: { width, height } });
        } catch (error) {
          console.error('face check failed', error);
        }
      }
      next();
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [video, detector, active]);
  return live;
}
