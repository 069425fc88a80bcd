// Stops `npm test` and `npm start` early, with one line of advice, when no browser is installed.
import { NO_CHROME_MESSAGE, findChrome } from './lib/chrome';

if (!findChrome()) {
  const detail = process.env.CHROME_PATH ? ` (CHROME_PATH=${process.env.CHROME_PATH} is not an executable)` : '';
  console.error(NO_CHROME_MESSAGE + detail);
  process.exit(1);
}
