/** A logger that keeps what it was told, for asserting on log lines. */
export function captureLogger() {
  const lines: { level: 'info' | 'warn' | 'error'; obj: object; msg: string }[] = [];
  const at =
    (level: 'info' | 'warn' | 'error') =>
    (obj: object, msg = '') => {
      lines.push({ level, obj, msg });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** Polls `check` until it holds or `timeoutMs` passes (then throws `what`). */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
