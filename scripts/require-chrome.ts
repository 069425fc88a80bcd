// Stops `npm run test:browser` (and so `npm test`) early, with one line of advice, when no browser
// is installed. `npm start` makes the same check itself (scripts/start.ts).
import { NO_CHROME_MESSAGE, findChrome } from './lib/chrome';

if (!findChrome()) {
  const detail = process.env.CHROME_PATH ? ` (CHROME_PATH=${process.env.CHROME_PATH} is not an executable)` : '';
  console.error(NO_CHROME_MESSAGE + detail);
  process.exit(1);
}
