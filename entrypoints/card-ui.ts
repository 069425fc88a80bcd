import { CardHost } from './content/card-host';
import { provideCardUi } from './content/card-ui';

// The card's layer, loaded into the content script's world the first time a card opens
// (see entrypoints/content/card-ui.ts for why it is a script of its own).
export default defineUnlistedScript(() => {
  provideCardUi({ createCardHost: (ctx) => CardHost.create(ctx) });
});
