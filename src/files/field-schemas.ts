import { z } from "zod";

/**
 * The fields several of the files a run leaves share, defined once so that they cannot drift
 * apart: a verdict's validity (verdict.json, repeat.json, merge.json) and a suite case's
 * expectation (suite-<name>.json, merge.json).
 */

/** A checker's or a run's verdict: true, false or "unknown" (inconclusive). */
export const ValiditySchema = z.union([z.literal(true), z.literal(false), z.literal("unknown")]);

/** What a suite case expects: a violation found by one of the named checkers, or a pass. */
export const ExpectSchema = z.union([z.object({ verdict: z.literal("violation"), by: z.array(z.string()) }), z.object({ verdict: z.literal("pass") })]);
