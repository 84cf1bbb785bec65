import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.zookeeper.data.Stat;

/**
 * curator-latch: Curator's LeaderLatch, reported exactly as its LeaderLatchListener is told
 * (isLeader -> leader, notLeader -> follower). The listener runs on Curator's thread and only
 * records the moment and the latch path Curator judged; the token look-up and the printing
 * happen in order on one thread of our own, so no ZooKeeper call ever blocks Curator.
 *
 * With SB_WITNESS it writes there while it believes it leads (from its leader line until Curator
 * calls notLeader), every Witness.intervalMs, with the token of its leader line. Before each write
 * it re-validates as LeaderLatch's design says a leader is: hasLeadership(), the client connected,
 * and a fresh checkExists of getOurPath() showing the node still there, owned by the current
 * session, with the czxid that is the token; any doubt skips the write.
 */
final class LatchCandidate implements Main.Candidate {
    private final Zk zk;
    private final LeaderLatch latch;
    private final ExecutorService out = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sb-latch-report");
        t.setDaemon(true);
        return t;
    });
    /** Bumped on every callback: a leader report whose generation is stale skips the look-up. */
    private final AtomicLong generation = new AtomicLong();
    /** The witness (SB_WITNESS), or null: then it writes nothing. */
    private final Witness witness;
    /** Its belief since its last leader line with a token: null while it does not lead. */
    private volatile Leading leading;
    private ScheduledExecutorService writer;

    /** A leader line's token and the callback generation it belongs to. */
    private record Leading(long generation, String token) {}

    LatchCandidate(Zk zk, Witness witness) {
        this.zk = zk;
        this.witness = witness;
        // NOTIFY_LEADER: closing on SIGTERM makes Curator call notLeader, which prints follower.
        this.latch = new LeaderLatch(zk.client, zk.path, zk.node, LeaderLatch.CloseMode.NOTIFY_LEADER);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                long at = System.currentTimeMillis();
                long g = generation.incrementAndGet();
                String ourPath = latch.getOurPath();
                report(() -> reportLeader(at, g, ourPath));
            }

            @Override
            public void notLeader() {
                long at = System.currentTimeMillis();
                generation.incrementAndGet();
                leading = null;
                report(() -> Proto.follower(at));
            }
        });
    }

    private void report(Runnable r) {
        try {
            out.execute(r);
        } catch (RejectedExecutionException e) {
            r.run(); // after close: print in Curator's thread rather than lose the line
        }
    }

    @Override
    public String name() {
        return "curator-latch";
    }

    @Override
    public void start() throws Exception {
        latch.start();
        if (witness != null) {
            witness.debug("writing to " + witness.base + " every " + witness.intervalMs + " ms while leading");
            writer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sb-latch-witness");
                t.setDaemon(true);
                return t;
            });
            writer.scheduleWithFixedDelay(this::writeTurn, witness.intervalMs, witness.intervalMs, TimeUnit.MILLISECONDS);
        }
    }

    /** One turn of the writer thread: when it believes it leads and can confirm it, one write. */
    private void writeTurn() {
        Leading l = leading;
        if (l == null) return;
        try {
            String doubt = doubt(l);
            if (doubt != null) {
                witness.debug("write skipped (token " + l.token() + "): " + doubt);
                return;
            }
            witness.write(l.token());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (RuntimeException e) {
            witness.debug("write turn failed: " + e); // never let one end the schedule
        }
    }

    /** Why it cannot confirm that it still leads with this token now, or null when it can. */
    private String doubt(Leading l) {
        if (!latch.hasLeadership()) return "hasLeadership() is false";
        if (!zk.client.getZookeeperClient().isConnected()) return "the client is not connected";
        String ourPath = latch.getOurPath();
        if (ourPath == null) return "the latch has no node path";
        Stat st;
        try {
            st = zk.stat(ourPath, System.currentTimeMillis() + Zk.TOKEN_WAIT_MS);
        } catch (Exception e) {
            return "checkExists of " + ourPath + " failed: " + e;
        }
        long sid = zk.sessionId();
        if (st == null) return "own latch node " + ourPath + " does not exist";
        if (st.getEphemeralOwner() != sid) {
            return ourPath + " is owned by " + Proto.hex(st.getEphemeralOwner()) + ", not the current session " + Proto.hex(sid);
        }
        if (!Proto.hex(st.getCzxid()).equals(l.token())) return ourPath + " has czxid " + Proto.hex(st.getCzxid());
        if (generation.get() != l.generation() || !latch.hasLeadership()) return "leadership changed during the check";
        return null;
    }

    private void reportLeader(long at, long g, String ourPath) {
        String token = null;
        String why;
        if (ourPath == null) {
            why = "Curator reports leadership but the latch has no node path";
        } else if (generation.get() != g) {
            why = "Curator revoked leadership before the token look-up of " + ourPath;
        } else {
            try {
                Stat st = zk.stat(ourPath, at + Zk.TOKEN_WAIT_MS);
                long sid = zk.sessionId();
                if (st == null) {
                    why = "own latch node " + ourPath + " does not exist (session " + Proto.hex(sid) + ")";
                } else {
                    token = Proto.hex(st.getCzxid());
                    why = "leader via " + ourPath + " czxid " + token + " owner " + Proto.hex(st.getEphemeralOwner())
                            + (st.getEphemeralOwner() == sid ? " (current session)"
                                    : " but current session is " + Proto.hex(sid) + " (stale node)");
                }
            } catch (Exception e) {
                why = "token look-up of " + ourPath + " failed: " + e;
            }
        }
        Proto.leader(at, token);
        Proto.log(why);
        // Writes carry the leader line's token: without one (or when revoked meanwhile) none.
        if (token != null && generation.get() == g) {
            leading = new Leading(g, token);
            if (generation.get() != g) leading = null; // notLeader came in between
        }
    }

    @Override
    public void close() throws Exception {
        leading = null;
        if (writer != null) writer.shutdownNow(); // no write after it says follower
        try {
            latch.close(); // CloseMode.NOTIFY_LEADER from the constructor
        } finally {
            out.shutdown();
            out.awaitTermination(Zk.TOKEN_WAIT_MS + 1000, TimeUnit.MILLISECONDS);
        }
    }
}
