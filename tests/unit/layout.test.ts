import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// lib/ is the browser-free core shared by the CLI, the tests and every entrypoint (STYLE.md).
const libDir = new URL('../../lib/', import.meta.url);
const libFiles = readdirSync(libDir).filter((f) => f.endsWith('.ts'));

describe('lib/', () => {
  it.each(libFiles)('%s imports nothing from wxt or preact and never touches the browser global', (file) => {
    // Comments may name browser APIs (to say who calls what); code may not.
    const source = readFileSync(new URL(file, libDir), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(source).not.toMatch(/from ['"](wxt|preact|webextension-polyfill|@wxt-dev)[^'"]*['"]/);
    expect(source).not.toMatch(/\b(browser|chrome)\.(runtime|storage|tabs)\b/);
  });
});
