import type { Config, FaceResult, Human } from '@vladmandic/human';
import type { DetectedFace } from './checks.ts';
import type { Rect } from './crop.ts';
import { assetsPath, modelFileName, wasmPrefix, type FaceModel } from './modelFiles.ts';

/** Finds the faces in a frame; one detection at a time. */
export interface FaceDetector {
  detect(frame: HTMLCanvasElement): Promise<DetectedFace[]>;
}

/**
 * Face only: box, mesh (for the angles) and iris (for the eyelids), on tfjs's wasm backend, which
 * needs no GPU. No warm-up, no caching in IndexedDB, no reuse of the last frame's boxes: each
 * frame is judged on its own.
 */
function configFor(humanVersion: string, tfjsVersion: string): Partial<Config> {
  const model = (name: FaceModel) => `${assetsPath}${modelFileName(humanVersion, name, 'json')}`;
  return {
    backend: 'wasm',
    wasmPath: `${assetsPath}${wasmPrefix(tfjsVersion)}`,
    wasmPlatformFetch: false,
    modelBasePath: assetsPath,
    debug: false,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0,
    filter: { enabled: false },
    gesture: { enabled: false },
    face: {
      enabled: true,
      detector: { modelPath: model('blazeface'), rotation: false, maxDetected: 3, minConfidence: 0.5 },
      mesh: { enabled: true, modelPath: model('facemesh') },
      iris: { enabled: true, modelPath: model('iris') },
      attention: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
  } as Partial<Config>;
}

const degrees = (radians: number | undefined) => ((radians ?? 0) * 180) / Math.PI;

/** The mesh's bounds: forehead to chin, cheek to cheek. */
function meshBounds(mesh: FaceResult['mesh']): Rect {
  const xs = mesh.map((point) => point[0]);
  const ys = mesh.map((point) => point[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/**
 * An eyelid's opening over the height of the eye's surroundings, from the face mesh's points (the
 * same measure as the library's own blink gesture): ~0.3 open, under 0.2 shut.
 */
function eyeOpening(mesh: FaceResult['mesh']): DetectedFace['eyeOpening'] {
  const gap = (a: number, b: number) => Math.abs((mesh[a]?.[1] ?? 0) - (mesh[b]?.[1] ?? 0));
  const ratio = (lid: number, gapOf: number) => (gapOf > 0 ? lid / gapOf : 0);
  return { left: ratio(gap(374, 386), gap(443, 450)), right: ratio(gap(145, 159), gap(223, 230)) };
}

export function toDetectedFace(face: FaceResult): DetectedFace | null {
  if (face.mesh.length < 468) return null;
  const angle = face.rotation?.angle;
  return {
    box: meshBounds(face.mesh),
    yaw: degrees(angle?.yaw),
    pitch: degrees(angle?.pitch),
    roll: degrees(angle?.roll),
    eyeOpening: eyeOpening(face.mesh),
  };
}

let loading: Promise<FaceDetector> | null = null;

/**
 * The detector, loaded once per page: the library (~2 MB of script, in its own chunk) and its
 * models (~5.5 MB) from the app's own assets.
 */
export function loadFaceDetector(): Promise<FaceDetector> {
  loading ??= (async () => {
    const { Human: HumanLibrary } = await import('@vladmandic/human');
    const probe: Human = new HumanLibrary({ backend: 'wasm' });
    const human: Human = new HumanLibrary(configFor(probe.version, probe.tf.version_core as string));
    await human.load();
    let queue: Promise<unknown> = Promise.resolve();
    return {
      detect(frame) {
        const run = queue.then(async () => {
          const result = await human.detect(frame);
          return result.face.map(toDetectedFace).filter((face): face is DetectedFace => face !== null);
        });
        queue = run.catch(() => undefined);
        return run;
      },
    };
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
