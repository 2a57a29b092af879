/// <reference lib="webworker" />
import { generateSampleCity, toSampleFiles, type SampleOptions } from '../../shared/domain/sample';

/** Request: the generator options. Reply: every sample file as UTF-8 bytes (transferred). */
export interface SampleWorkerReply {
  files: { name: string; bytes: Uint8Array }[];
  error?: string;
}

self.onmessage = (event: MessageEvent<SampleOptions>) => {
  try {
    const city = generateSampleCity(event.data);
    const encoder = new TextEncoder();
    const files = toSampleFiles(city).map((f) => {
      const parts: Uint8Array[] = [];
      let size = 0;
      for (const chunk of f.chunks()) {
        const bytes = encoder.encode(chunk);
        parts.push(bytes);
        size += bytes.length;
      }
      const bytes = new Uint8Array(size);
      let offset = 0;
      for (const p of parts) {
        bytes.set(p, offset);
        offset += p.length;
      }
      return { name: f.name, bytes };
    });
    const reply: SampleWorkerReply = { files };
    (self as unknown as Worker).postMessage(reply, files.map((f) => f.bytes.buffer));
  } catch (e) {
    (self as unknown as Worker).postMessage({ files: [], error: e instanceof Error ? e.message : String(e) });
  }
};
