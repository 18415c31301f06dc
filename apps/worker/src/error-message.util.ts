/** The message of anything thrown, for logs and a run's error. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
