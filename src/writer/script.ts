import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../runtime/images.js";

/**
 * The writer's program: Python 3 with psycopg2 (both in the candidate-patroni image, since Patroni
 * needs them), a checked file of its own, compose/writer/sb_writer.py (its header says what it
 * does and reads). splitbrain writes it into a container of that image and runs it with
 * `python3 -u`, so that no image has to be rebuilt for it.
 */
export const WRITER_SCRIPT_FILE = join(PROJECT_ROOT, "compose", "writer", "sb_writer.py");

/** The program's text, as it is copied into the writer's container. */
export function writerScript(): string {
  return readFileSync(WRITER_SCRIPT_FILE, "utf8");
}
