/**
 * What the ingest pipeline reads and writes, independent of the host: the CLI gives files by
 * absolute path (the Node engine reads them from disk, nothing is copied into JS memory); the
 * app gives the bytes the user picked (registered with the browser engine as a buffer).
 */

/** A file to ingest. */
export interface IngestSource {
  /** The name shown in messages ("incidents.csv"); also picks the table name. */
  readonly fileName: string;
  /** Size in bytes. */
  readonly size: number;
  /** The first bytes (64 KiB is plenty) for sniffing and the preview. */
  readonly head: Uint8Array;
  /**
   * A path the engine can open directly (Node engine: an absolute path), or undefined when the
   * bytes must be registered as a buffer first.
   */
  readonly enginePath?: string;
  /** The whole file. Only called for formats read in JS (xlsx, GeoJSON, shapefile, Parquet) or to transcode. */
  readAll(): Promise<Uint8Array>;
  /** The file as a sequence of chunks (for transcoding without holding a second copy as a string). */
  chunks(): AsyncIterable<Uint8Array>;
}

/** Bytes already in memory as a source (browser, tests). Chunks are 4 MiB views, no copies. */
export function sourceFromBytes(fileName: string, bytes: Uint8Array): IngestSource {
  return {
    fileName,
    size: bytes.length,
    head: bytes.subarray(0, 65536),
    readAll: async () => bytes,
    chunks: async function* () {
      const step = 4 << 20;
      for (let at = 0; at < bytes.length; at += step) yield bytes.subarray(at, Math.min(bytes.length, at + step));
    },
  };
}

/** Where output bytes go (a file in Node, a Blob in the browser); `write` may be async (back-pressure). */
export interface ByteSink {
  write(bytes: Uint8Array): void | Promise<void>;
}

/** Collects written bytes in memory; `bytes()` concatenates them. */
export function memorySink(): ByteSink & { bytes(): Uint8Array; readonly length: number } {
  const parts: Uint8Array[] = [];
  let length = 0;
  return {
    write(b: Uint8Array) {
      parts.push(b.slice());
      length += b.length;
    },
    get length() {
      return length;
    },
    bytes() {
      const out = new Uint8Array(length);
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    },
  };
}

/** Progress of a long step: `fraction` 0..1 of the whole import, and what is happening. */
export interface IngestProgress {
  readonly stage: 'sniff' | 'read' | 'normalize' | 'coordinates' | 'quality' | 'finish' | 'write';
  readonly fraction: number;
  readonly message: string;
}

/** An AbortSignal-like cancellation token (AbortSignal itself satisfies it). */
export interface CancelToken {
  readonly aborted: boolean;
}

/** A token that is never cancelled. */
export const NEVER_CANCELLED: CancelToken = { aborted: false };
