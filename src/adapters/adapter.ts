/** A platform adapter once started: the composition root stops it, and the ops listener asks whether it is connected. */
export interface RunningAdapter {
  readonly name: string;
  /**
   * For readiness (`GET /readyz`): whether the adapter can take work right now — the gateway is ready,
   * the Socket Mode connection is open, the HTTP listener is listening. Absent means "connected once started".
   */
  isConnected?(): boolean;
  stop(): Promise<void>;
}
