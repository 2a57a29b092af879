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

/** The text of page `pageNo` (1-based) of a PDF, one string per text run, as pdfjs extracts it. */
export async function pdfText(bytes: Uint8Array, pageNo = 1): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const page = await doc.getPage(pageNo);
  const content = await page.getTextContent();
  await doc.cleanup();
  return content.items.map((i) => ('str' in i ? i.str : '')).join('\n');
}
