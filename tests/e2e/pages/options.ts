// The settings page as a user drives it: read the store summary and packs, import a file.
import type { BrowserContext, Page } from 'playwright-core';

export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionId: string): Promise<OptionsPage> {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const options = new OptionsPage(page);
    await options.summary();
    return options;
  }

  /** The store summary line, e.g. "28 claims in 1 pack", once the store has been read. */
  async summary(): Promise<string> {
    return (await this.page.getByTestId('store-summary').filter({ hasText: /claims in/ }).textContent()) ?? '';
  }

  /** Each listed pack as [title, claim count]. */
  async packs(): Promise<[string, string][]> {
    const rows = this.page.locator('.pack-list tbody tr');
    const out: [string, string][] = [];
    for (const row of await rows.all()) {
      out.push([(await row.locator('.pack-title').textContent()) ?? '', (await row.locator('td.count').textContent()) ?? '']);
    }
    return out;
  }

  /** Chooses a file in the import input, as a user would. */
  async importFile(name: string, text: string): Promise<void> {
    await this.page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  }

  /** The import outcome shown to the user. */
  async importStatus(): Promise<string> {
    const status = this.page.getByTestId('import-status');
    await status.waitFor();
    return (await status.textContent()) ?? '';
  }
}
