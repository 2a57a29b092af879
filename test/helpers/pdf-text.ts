// pdfjs-dist 6 calls Promise.withResolvers (Node 22+); Node 20 lacks it: a spec-shaped shim for the tests.
if (typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers !== 'function') {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((a, b) => {
        resolve = a;
        reject = b;
      });
      return { promise, resolve, reject };
    },
  });
}

/**
 * The text of every page of a PDF as pdfjs extracts it (what a reader's copy or a screen reader
 * gets): one string per page, its text runs joined by `separator`.
 */
export async function pdfPages(bytes: Uint8Array, separator = '\n'): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(separator));
  }
  await doc.cleanup();
  return pages;
}

/** The text of page `pageNo` (1-based) of a PDF, one line per text run. */
export async function pdfText(bytes: Uint8Array, pageNo = 1): Promise<string> {
  return (await pdfPages(bytes))[pageNo - 1] ?? '';
}
