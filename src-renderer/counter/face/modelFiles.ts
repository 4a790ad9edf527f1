/**
 * The files the face detector loads, and the names they are served under: flat in the built UI's
 * `assets/` (which the hub and the desktop app's loket:// protocol already serve, each type known),
 * named by the version of the package they come from, since the hub caches assets as immutable.
 * `scripts/faceAssets.ts` copies them there at build time; `detector.ts` asks for them by these
 * names. Nothing is fetched from anywhere else.
 */

/** @vladmandic/human's models that the photo needs: the face box, the face mesh (angles), the eyes. */
export const faceModels = ['blazeface', 'facemesh', 'iris'] as const;
export type FaceModel = (typeof faceModels)[number];

/** tfjs's WebAssembly backend: plain and SIMD (threads need cross-origin isolation, which we lack). */
export const wasmFiles = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;

export const assetsPath = '/assets/';

export const modelFileName = (humanVersion: string, model: FaceModel, ext: 'json' | 'bin'): string =>
  `human-${humanVersion}-${model}.${ext}`;

/** tfjs asks for `<prefix><wasm file>`. */
export const wasmPrefix = (tfjsVersion: string): string => `tfjs-${tfjsVersion}-`;

/** A model's JSON with its weights file renamed as it is served (it names `<model>.bin`). */
export function servedModelJson(json: string, humanVersion: string, model: FaceModel): string {
  const parsed = JSON.parse(json) as { weightsManifest: { paths: string[] }[] };
  for (const group of parsed.weightsManifest) {
    group.paths = group.paths.map((file) => {
      if (file !== `${model}.bin`) throw new Error(`${model}.json names an unexpected weights file: ${file}`);
      return modelFileName(humanVersion, model, 'bin');
    });
  }
  return JSON.stringify(parsed);
}
