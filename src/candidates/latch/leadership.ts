/**
 * Pure leadership state: what the candidate believes and which protocol line a transition emits.
 * The bug mode ignore-disconnect never gives up a leadership it believes it has.
 */
import type { BugMode } from "./config.js";

export interface LeadershipState {
  leading: boolean;
  token: string | null;
}

export type LeadershipInput =
  | { kind: "elected"; token: string }
  | { kind: "not-elected" }
  | { kind: "disconnected" }
  | { kind: "expired" }
  | { kind: "stalled" }
  | { kind: "shutdown" };

export type Emit = { sb: "leader"; token: string } | { sb: "follower" } | null;

export const INITIAL_LEADERSHIP: LeadershipState = { leading: false, token: null };

export function nextLeadership(
  cur: LeadershipState,
  input: LeadershipInput,
  bug: BugMode,
): { state: LeadershipState; emit: Emit } {
  if (input.kind === "elected") {
    if (cur.leading) return { state: cur, emit: null };
    return { state: { leading: true, token: input.token }, emit: { sb: "leader", token: input.token } };
  }
  if (!cur.leading) return { state: cur, emit: null };
  // Leaving the leadership. The buggy candidate only lets go when the process stops.
  if (bug === "ignore-disconnect" && input.kind !== "shutdown") return { state: cur, emit: null };
  return { state: INITIAL_LEADERSHIP, emit: { sb: "follower" } };
}
