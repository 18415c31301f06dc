import { RunControl, type StopReason } from './run.control';

/** The runs this worker process holds, by run id: where cancel messages and shutdown find them. */
export class RunRegistry {
  private readonly runs = new Map<string, RunControl>();
  private readonly since = new Map<string, Date>();
  /** Called when a run is taken or released, or draining starts (the worker's heartbeat beats then). */
  onChange: () => void = () => undefined;
  private drainGraceMs: number | undefined;

  get shuttingDown(): boolean {
    return this.drainGraceMs !== undefined;
  }

  get size(): number {
    return this.runs.size;
  }

  /** A run registered during shutdown is drained at once, so nothing new starts. */
  register(runId: string): RunControl {
    const control = new RunControl(runId);
    this.runs.set(runId, control);
    this.since.set(runId, new Date());
    if (this.drainGraceMs !== undefined) control.drain(this.drainGraceMs);
    this.onChange();
    return control;
  }

  release(control: RunControl): void {
    control.dispose();
    if (this.runs.get(control.runId) === control) {
      this.runs.delete(control.runId);
      this.since.delete(control.runId);
      this.onChange();
    }
  }

  /** The runs held now, with when this worker took each. */
  held(): { run_id: string; since: string }[] {
    return [...this.since].map(([run_id, since]) => ({ run_id, since: since.toISOString() }));
  }

  /** Stops a held run (a cancel message, or BullMQ could not renew the job's lock); false when it is not held here. */
  stop(runId: string, reason: Extract<StopReason, 'cancel' | 'lock-lost'>): boolean {
    const control = this.runs.get(runId);
    control?.stop(reason);
    return control !== undefined;
  }

  drainAll(graceMs: number): void {
    this.drainGraceMs = graceMs;
    for (const control of this.runs.values()) control.drain(graceMs);
    this.onChange();
  }
}
