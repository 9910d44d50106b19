/** A platform adapter once started: the composition root only needs to stop it. */
export interface RunningAdapter {
  readonly name: string;
  stop(): Promise<void>;
}
