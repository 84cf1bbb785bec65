import type { ServerStatus } from "./srvr.js";
import { RoleTracker, type RoleChange } from "./role-tracker.js";

export interface RoleObserverOptions {
  servers: () => string[];
  probe: (node: string) => Promise<ServerStatus>;
  /** Called with every change, in probe order; the caller appends it to the history. */
  onChange: (change: RoleChange) => void;
  intervalMs: number;
}

/**
 * Polls every server's role (`srvr`) from the harness, which no injected partition touches,
 * and reports each change. `stop()` waits for the poll under way.
 */
export class RoleObserver {
  private readonly tracker = new RoleTracker();
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: RoleObserverOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Probes every server once now and reports changes (also used at start and after faults). */
  async pollOnce(): Promise<void> {
    const nodes = this.options.servers();
    const results = await Promise.all(nodes.map((n) => this.options.probe(n)));
    nodes.forEach((node, i) => {
      const change = this.tracker.update(node, results[i] as ServerStatus);
      if (change !== undefined) this.options.onChange(change);
    });
  }

  role(node: string): string | undefined {
    return this.tracker.role(node);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.pollOnce();
      } catch {
        // a probe never throws; a bug here must not stop observation
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.intervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
