import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import {
  assetsPath,
  faceModels,
  modelFileName,
  servedModelJson,
  wasmFiles,
  wasmPrefix,
} from '../src-renderer/counter/face/modelFiles.ts';

const root = path.resolve(import.meta.dirname, '..');

function packageDir(name: string): string {
  return path.join(root, 'node_modules', name);
}

function versionOf(dir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

export interface FaceAsset {
  /** The name under `assets/`. */
  name: string;
  body: Buffer;
}

/**
 * The face photo's model and wasm files, as the renderer asks for them (modelFiles.ts): ~5.5 MB of
 * the 40 MB @vladmandic/human ships. The wasm must be from the very tfjs that Human bundles.
 */
export function faceAssets(): FaceAsset[] {
  const human = packageDir('@vladmandic/human');
  const wasm = packageDir('@tensorflow/tfjs-backend-wasm');
  const humanVersion = versionOf(human);
  const tfjsVersion = versionOf(wasm);
  // Human's bundle names its tfjs versions in this small file: `var r="4.22.0"; … "tfjs-backend-wasm":r`.
  const bundled = fs.readFileSync(path.join(human, 'dist/tfjs.version.js'), 'utf8');
  if (!bundled.includes(`"${tfjsVersion}"`)) {
    throw new Error(
      `@vladmandic/human ${humanVersion} bundles another tfjs than @tensorflow/tfjs-backend-wasm ${tfjsVersion}: install the tfjs-backend-wasm version Human names in dist/tfjs.version.js`,
    );
  }
  const assets: FaceAsset[] = [];
  for (const model of faceModels) {
    const json = fs.readFileSync(path.join(human, 'models', `${model}.json`), 'utf8');
    assets.push({
      name: modelFileName(humanVersion, model, 'json'),
      body: Buffer.from(servedModelJson(json, humanVersion, model)),
    });
    assets.push({
      name: modelFileName(humanVersion, model, 'bin'),
      body: fs.readFileSync(path.join(human, 'models', `${model}.bin`)),
    });
  }
  for (const file of wasmFiles) {
    assets.push({
      name: `${wasmPrefix(tfjsVersion)}${file}`,
      body: fs.readFileSync(path.join(wasm, 'dist', file)),
    });
  }
  return assets;
}

/** Vite: puts the face assets into the build's assets/ folder. */
export function faceAssetsPlugin(): Plugin {
  return {
    name: 'loket-face-assets',
    apply: 'build',
    generateBundle() {
      for (const asset of faceAssets()) {
        this.emitFile({ type: 'asset', fileName: `${assetsPath.slice(1)}${asset.name}`, source: asset.body });
      }
    },
  };
}
