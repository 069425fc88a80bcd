// Stops `npm run test:browser` (and so `npm test`) early, with one line of advice, when no browser
// is installed. `npm start` makes the same check itself (scripts/start.ts).
import { findChrome, noChromeMessage } from './lib/chrome';

if (!findChrome()) {
  console.error(noChromeMessage());
  process.exit(1);
}
