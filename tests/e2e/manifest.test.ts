import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import webExt from 'web-ext';
import { describe, expect, it } from 'vitest';
import { FIREFOX_BUILD_DIR } from '../../scripts/lib/firefox';
import { CHROME_BUILD_DIR } from '../../scripts/lib/launch';

// The built extensions as the stores would see them: the permissions the README explains, and
// Mozilla's linter on the Firefox build. Runs after `npm run test:browser` has built both.
const manifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
  content_security_policy?: string | { extension_pages?: string };
};

/** The permissions and content-script matches the README's Permissions table names. */
function readmePermissions(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Permissions'), readme.indexOf('## ', readme.indexOf('## Permissions') + 3));
  const rows = section.split('\n').filter((line) => line.startsWith('| `') || line.startsWith('| content script'));
  return rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!)).sort();
}

describe('the built manifest', () => {
  it.each([
    ['Chrome', CHROME_BUILD_DIR],
    ['Firefox', FIREFOX_BUILD_DIR],
  ])('asks %s for exactly the permissions the README explains', (_, dir) => {
    const built = manifest(dir);
    const asked = [...(built.permissions ?? []), ...(built.host_permissions ?? []), ...(built.optional_permissions ?? []), ...(built.optional_host_permissions ?? []), ...(built.content_scripts ?? []).flatMap((c) => c.matches)];
    expect([...new Set(asked)].sort()).toEqual(readmePermissions());
    // Nothing broad at install: hosts only as optional permissions, asked for one feed at a time.
    expect(built.host_permissions ?? []).toEqual([]);
    expect(built.permissions ?? []).not.toContain('https://*/*');
    // activeTab, not tabs: the popup needs the URL of the tab whose button was clicked, or it took a
    // news tab opened before install for a browser page and offered no reload. activeTab shows no
    // install warning and reads no other tab.
    expect(built.permissions ?? []).toContain('activeTab');
    expect(built.permissions ?? []).not.toContain('tabs');
  });

  it.each([
    ['Chrome', CHROME_BUILD_DIR],
    ['Firefox', FIREFOX_BUILD_DIR],
  ])('sets a strict content security policy for %s: own scripts only, no eval, no plugins', (_, dir) => {
    const csp = manifest(dir).content_security_policy;
    const policy = typeof csp === 'string' ? csp : csp?.extension_pages;
    expect(policy).toBe("script-src 'self'; object-src 'none'; base-uri 'none'");
  });

  it('passes web-ext lint on the Firefox build with no errors, and no warnings but Preact\'s own innerHTML', async () => {
    const result = await webExt.cmd.lint({ sourceDir: FIREFOX_BUILD_DIR, output: 'none' }, { shouldExitProgram: false });
    expect(result.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    // Preact sets innerHTML only for dangerouslySetInnerHTML, which Claimlight never uses; any other
    // warning is new and should be looked at.
    expect(result.warnings.filter((w) => w.code !== 'UNSAFE_VAR_ASSIGNMENT').map((w) => `${w.code}: ${w.message}`)).toEqual([]);
  });
});
