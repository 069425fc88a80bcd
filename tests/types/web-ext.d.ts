// web-ext ships no types; the tests use only its linter.
declare module 'web-ext' {
  interface LintResult {
    errors: { code: string; message: string }[];
    warnings: { code: string; message: string }[];
  }
  const webExt: {
    cmd: {
      lint(options: { sourceDir: string; output?: 'none' | 'json' | 'text' }, runOptions: { shouldExitProgram: boolean }): Promise<LintResult>;
    };
  };
  export default webExt;
}
