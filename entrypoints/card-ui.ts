import { CardHost } from './content/card-host';
import { provideOwnScript } from './content/own-scripts';

// The card's layer, loaded into the content script's world when the pointer first comes onto a
// mark or a card first opens (see entrypoints/content/own-scripts.ts for why it is a script of its own).
export default defineUnlistedScript(() => {
  provideOwnScript('/card-ui.js', { createCardHost: (ctx) => CardHost.create(ctx) });
});
