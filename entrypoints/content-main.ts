import { provideOwnScript } from './content/own-scripts';
import { startOnPage } from './content/start';

// What the content script does on a page, loaded into its world by the content script itself
// (see entrypoints/content/own-scripts.ts for why it is a script of its own).
export default defineUnlistedScript(() => {
  provideOwnScript('/content-main.js', { start: startOnPage });
});
