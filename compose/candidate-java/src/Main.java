import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * splitbrain's Java reference candidates on real Curator (candidate protocol v1, docs/contracts.md).
 *   run-candidate latch      Curator LeaderLatch       (also: curator-latch)
 *   run-candidate selector   Curator LeaderSelector    (also: curator-selector)
 * Without an argument SB_CANDIDATE decides, else latch. Reads SB_NODE, SB_ZK,
 * SB_ELECTION_PATH, SB_SESSION_TIMEOUT_MS, and SB_WITNESS if set (Witness: writes while leading).
 * SIGTERM closes the recipe and the client, exit 0.
 */
public final class Main {
    interface Candidate {
        String name();

        void start() throws Exception;

        void close() throws Exception;
    }

    private static volatile int exitStatus = 0;

    public static void main(String[] args) throws Exception {
        // Nothing but Proto may write to the real stdout.
        PrintStream err = System.err;
        System.setOut(err);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            Proto.log("uncaught exception in thread " + t.getName() + ": " + e);
            e.printStackTrace(err);
        });

        String kind = args.length > 0 ? args[0] : env("SB_CANDIDATE", "latch");
        kind = kind.toLowerCase(Locale.ROOT);
        if (kind.startsWith("curator-")) kind = kind.substring("curator-".length());
        if (!kind.equals("latch") && !kind.equals("selector")) {
            err.println("usage: run-candidate latch|selector (or SB_CANDIDATE=curator-latch|curator-selector); got " + kind);
            System.exit(2);
        }

        String node = env("SB_NODE", "c?");
        String zkString = env("SB_ZK", "localhost:2181");
        String path = env("SB_ELECTION_PATH", "/splitbrain/election");
        int sessionTimeoutMs = Integer.parseInt(env("SB_SESSION_TIMEOUT_MS", "6000"));

        // Optional, not part of the protocol: SB_CURATOR_ENSEMBLE_TRACKER=false turns Curator's
        // EnsembleTracker off (it is on by default and rewrites the connect string to addresses).
        boolean tracker = !env("SB_CURATOR_ENSEMBLE_TRACKER", "true").equalsIgnoreCase("false");
        // Optional (docs/candidates.md, "Writing effects"): where to write while leading.
        Witness witness;
        try {
            witness = Witness.fromEnv(System.getenv("SB_WITNESS"), node, sessionTimeoutMs);
        } catch (IllegalArgumentException e) {
            Proto.log("bad configuration: " + e.getMessage());
            err.println("bad configuration: " + e.getMessage());
            Proto.flush();
            System.exit(64);
            return;
        }
        Zk zk = new Zk(node, zkString, path, sessionTimeoutMs, tracker);
        Candidate candidate = kind.equals("latch") ? new LatchCandidate(zk, witness) : new SelectorCandidate(zk, witness);
        Proto.log(candidate.name() + " " + node + ": curator " + Zk.curatorVersion() + " ("
                + Zk.jarOf(org.apache.curator.framework.CuratorFramework.class) + "), zookeeper client "
                + Zk.zookeeperVersion() + ", java " + System.getProperty("java.version") + "; " + zk.describe());

        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(zk, candidate), "sb-shutdown"));

        Proto.follower(System.currentTimeMillis());
        try {
            zk.client.start();
            zk.watchConnectString();
            candidate.start();
        } catch (Exception e) {
            Proto.log("start failed: " + e);
            e.printStackTrace(err);
            exitStatus = 1;
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }

    /** Shutdown hook (SIGTERM, SIGINT, System.exit): close the recipe, then the client, then halt. */
    private static void shutdown(Zk zk, Candidate candidate) {
        if (exitStatus == 0) {
            Proto.log("shutting down: closing " + candidate.name() + " and the curator client");
            Thread closer = new Thread(() -> {
                try {
                    candidate.close();
                } catch (Exception e) {
                    Proto.log("closing " + candidate.name() + " failed: " + e);
                }
                try {
                    zk.client.close();
                } catch (Exception e) {
                    Proto.log("closing the curator client failed: " + e);
                }
            }, "sb-close");
            closer.setDaemon(true);
            closer.start();
            try {
                closer.join(TimeUnit.SECONDS.toMillis(8));
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Proto.log(closer.isAlive() ? "close did not finish within 8 s, exiting anyway" : "closed");
        }
        Proto.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitStatus);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
