import type { SampleOptions } from '../../../shared/domain/sample';
import type { SampleWorkerReply } from '../../workers/sample.worker';

/** The sample city's files as bytes, generated off the UI thread. */
export async function generateSampleFiles(options: SampleOptions): Promise<Map<string, Uint8Array>> {
  const worker = new Worker(new URL('../../workers/sample.worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<SampleWorkerReply>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<SampleWorkerReply>) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message || 'sample generator worker failed'));
      worker.postMessage(options);
    });
    if (reply.error) throw new Error(`sample city generator: ${reply.error}`);
    return new Map(reply.files.map((f) => [f.name, f.bytes]));
  } finally {
    worker.terminate();
  }
}

/** Parses a GeoJSON file from the sample (bytes -> FeatureCollection), or null when absent. */
export function parseGeojsonFile(files: Map<string, Uint8Array>, name: string): GeoJSON.FeatureCollection | null {
  const bytes = files.get(name);
  if (!bytes) return null;
  return JSON.parse(new TextDecoder().decode(bytes)) as GeoJSON.FeatureCollection;
}
