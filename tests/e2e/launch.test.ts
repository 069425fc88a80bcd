import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChrome } from '../../scripts/lib/chrome';
import { launchWithExtension } from '../../scripts/lib/launch';

const profiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('claimlight-profile-')).sort();

describe('starting the browser', () => {
  it('says in one line that the extension did not load, where the browser starts without it, and leaves no profile behind', async () => {
    // A manifest Chromium refuses: the browser starts, and the extension's background never does,
    // as with a branded Chrome that ignores --load-extension.
    const broken = mkdtempSync(join(tmpdir(), 'claimlight-broken-build-'));
    writeFileSync(join(broken, 'manifest.json'), '{"manifest_version": 3}');
    const before = profiles();
    try {
      await expect(launchWithExtension({ extensionDir: broken, startTimeout: 3_000 })).rejects.toThrow(`${findChrome()} started but did not load the extension in ${broken} within 3 s: check that the build is whole (\`npm run build\`) and that the browser is Chromium.`);
      expect(profiles()).toEqual(before);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
