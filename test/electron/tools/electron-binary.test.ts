import { describe, expect, it } from 'vitest';
import { findElectronBinary as find } from '../../../electron/tools/electron-binary.mjs';

describe('findElectronBinary', () => {
  it('returns the path the electron package reports when the file exists', () => {
    expect(find(() => '/opt/electron/electron', () => true)).toBe('/opt/electron/electron');
  });
  it('returns null when the package throws (download skipped or failed)', () => {
    const throwing = (): never => {
      throw new Error('Electron failed to install correctly');
    };
    expect(find(throwing, () => true)).toBeNull();
  });
  it('returns null when the reported file is missing or not a path', () => {
    expect(find(() => '/opt/electron/electron', () => false)).toBeNull();
    expect(find(() => ({}), () => true)).toBeNull();
  });
  it('never throws with the real require (null where the binary was not downloaded)', () => {
    const found = find();
    expect(found === null || typeof found === 'string').toBe(true);
  });
});
