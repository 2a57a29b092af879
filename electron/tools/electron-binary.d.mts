/** Path of the Electron binary, or null when it is not installed (see electron-binary.mjs). */
export function findElectronBinary(requireFn?: (id: string) => unknown, exists?: (p: string) => boolean): string | null;
