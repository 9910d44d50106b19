/**
 * What the core needs from the runtime: a logger and a clock. pino's Logger satisfies `Logger`;
 * tests pass a real pino logger writing to a buffer, or `silentLogger`.
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const noop = () => {};
export const silentLogger: Logger = {
  info: noop,
  warn: noop,
  error: noop,
  debug: noop,
  child: () => silentLogger,
};
