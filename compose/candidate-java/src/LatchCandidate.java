import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

    LatchCandidate(Zk zk) {
        this.zk = zk;
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
    }

    @Override
    public void close() throws Exception {
        try {
            latch.close(); // CloseMode.NOTIFY_LEADER from the constructor
        } finally {
            out.shutdown();
            out.awaitTermination(Zk.TOKEN_WAIT_MS + 1000, TimeUnit.MILLISECONDS);
        }
    }
}
