import { DEFAULT_ENSEMBLE, type EnsembleSpec, type EnsembleSize } from "../cluster/spec.js";

export interface ScaledTiming {
  ensemble: EnsembleSpec;
  /** The session timeout the candidates request. */
  sessionTimeoutMs: number;
  /** The liveness bound the check uses. */
  recoveryMs: number;
  /** Parabol's lease for the startup-window bug, scaled like everything else. */
  windowMs: number;
}

/**
 * --time-scale shortens every duration alike: ZooKeeper's tick, the session timeout, the
 * recovery bound and the scenario's steps, so that a scaled run has the same shape as a
 * full-length one. The session timeout stays within ZooKeeper's 2..20 ticks.
 */
export function scaleTiming(size: EnsembleSize, sessionTimeoutMs: number, recoveryMs: number, timeScale: number): ScaledTiming {
  const tickTime = Math.max(100, Math.round(DEFAULT_ENSEMBLE.tickTime * timeScale));
  const session = Math.min(20 * tickTime, Math.max(2 * tickTime, Math.round(sessionTimeoutMs * timeScale)));
  return {
    ensemble: { ...DEFAULT_ENSEMBLE, size, tickTime },
    sessionTimeoutMs: session,
    recoveryMs: Math.round(recoveryMs * timeScale),
    windowMs: Math.round(30_000 * timeScale),
  };
}
