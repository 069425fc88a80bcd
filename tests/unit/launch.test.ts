import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/lib/launch';

describe('launchWithExtension', () => {
  it('says to build the extension first when there is no build, before starting any browser', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'claimlight-no-build-'));
    try {
      await expect(launchWithExtension({ extensionDir: empty })).rejects.toThrow(`No built extension in ${empty}: run \`npm run build\` first.`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
