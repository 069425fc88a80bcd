import preact from '@preact/preset-vite';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { defineConfig } from 'wxt';

// WXT's own `wxt/browser` (the browser's extension object as it is), which the polyfill module
// replaces everywhere; resolved from the project, so WXT's own dependencies resolve from WXT.
const plainBrowser = createRequire(join(process.cwd(), 'package.json')).resolve('wxt/browser');

// The extension's build. Kept minimal: entrypoints declare their own options.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Claimlight',
    description: 'Sourced context for the claims you read in the news, right where you read them.',
    // alarms: feeds refresh on their own schedule, with the background asleep in between.
    // activeTab: the popup is shown the URL of the tab whose toolbar button was clicked, so it can
    // tell a web page Claimlight has not read yet (offered a reload) from a browser page. It shows
    // no install warning and grants nothing until that click.
    permissions: ['storage', 'alarms', 'activeTab'],
    // A feed's origin is asked for when the reader subscribes to it, and given back when the last
    // feed from there goes; nothing broad is granted at install.
    ...(browser === 'firefox' ? { optional_permissions: ['https://*/*', 'http://*/*'] } : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
    // No remote code, no eval, no plugins: extension pages run only the scripts they ship with.
    content_security_policy:
      browser === 'firefox'
        ? "script-src 'self'; object-src 'none'; base-uri 'none'"
        : { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
    // The content script's own code and the card's, which it imports as modules (see
    // entrypoints/content/own-scripts.ts). WXT writes the MV2 form for Firefox.
    web_accessible_resources: [{ resources: ['content-main.js', 'card-ui.js'], matches: ['http://*/*', 'https://*/*'] }],
    action: { default_title: 'Claimlight' },
    commands: {
      'next-mention': { suggested_key: { default: 'Alt+Shift+N' }, description: 'Go to the next claim on the page' },
      'previous-mention': { suggested_key: { default: 'Alt+Shift+P' }, description: 'Go to the previous claim on the page' },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Claimlight collects nothing: no browsing data leaves the device. Firefox 140 is the first
            // to read data_collection_permissions (142 on Android).
            gecko: { id: 'claimlight@claimlight.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  hooks: {
    // The content script proper is the one file Chrome compiles on every page, on the page's main
    // thread and with no code cache (entrypoints/content/own-scripts.ts). It only reads runtime.id
    // and calls runtime.getURL, which return no promise, so it takes the browser's object as it is
    // rather than the polyfill's wrapper: 14 kB of script to compile cold became 4 kB, and its
    // first run in a browser just started (traced, 22 starts each way) took 24 ms at the median
    // instead of 33, and 45 ms at worst instead of 74. The scripts it imports, and every other
    // entrypoint, keep the polyfill.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => entrypoint.type === 'content-script')) return;
      config.resolve = { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string>), 'wxt/browser': plainBrowser } };
    },
  },
  vite: () => ({
    plugins: [preact()],
    // Chrome refuses a content script that holds U+FFFF ("isn't UTF-8 encoded"); Dexie has that
    // character and the minifier would inline it, so every bundle is written as pure ASCII.
    esbuild: { charset: 'ascii' },
  }),
});
