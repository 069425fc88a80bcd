// Runs one of the project's scripts as `npm run` does (TypeScript through tsx), but straight from
// this Node, without npx's start-up each time: the CLI tests start a dozen of them.
import { execFile } from 'node:child_process';

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `scripts/<name>.ts` with these arguments; resolves with its exit code and output, whatever the code. */
export function runScript(name: string, ...args: string[]): Promise<ScriptRun> {
  return runScriptWith({}, name, ...args);
}

/** `runScript` with these variables added to the environment (CHROME_PATH, say). */
export function runScriptWith(env: Record<string, string>, name: string, ...args: string[]): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { maxBuffer: 64 << 20, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
