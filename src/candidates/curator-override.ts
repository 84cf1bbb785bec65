/** Where the Java candidates look for replacement Curator jars (compose/candidate-java; `run --curator-jars DIR` binds DIR here). */
export const CURATOR_OVERRIDE_DIR = "/opt/curator-override";
