import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListenerAdapter;
import org.apache.zookeeper.data.Stat;

/**
 * curator-selector: Curator's LeaderSelector with autoRequeue and LeaderSelectorListenerAdapter
 * (its stateChanged throws CancelLeadershipException on SUSPENDED and LOST, Curator's standard
 * behaviour). takeLeadership prints leader, holds leadership until interrupted, and prints
 * follower in finally, before Curator releases the lock node.
 *
 * With SB_WITNESS, takeLeadership writes there every Witness.intervalMs with the token of its
 * leader line, from the leadership thread itself. Before each write it re-validates as
 * LeaderSelector's design says a leader is: still inside takeLeadership (the thread not
 * interrupted: Curator interrupts it on SUSPENDED and LOST) and the client connected.
 */
final class SelectorCandidate implements Main.Candidate {
    private final Zk zk;
    private final LeaderSelector selector;
    /** The witness (SB_WITNESS), or null: then it writes nothing. */
    private final Witness witness;

    SelectorCandidate(Zk zk, Witness witness) {
        this.zk = zk;
        this.witness = witness;
        this.selector = new LeaderSelector(zk.client, zk.path, new LeaderSelectorListenerAdapter() {
            @Override
            public void takeLeadership(CuratorFramework client) throws Exception {
                lead();
            }
        });
        selector.setId(zk.node);
        selector.autoRequeue();
    }

    @Override
    public String name() {
        return "curator-selector";
    }

    @Override
    public void start() {
        if (witness != null) witness.debug("writing to " + witness.base + " every " + witness.intervalMs + " ms while leading");
        selector.start();
    }

    private void lead() throws InterruptedException {
        long at = System.currentTimeMillis();
        String token = null;
        String why;
        boolean interrupted = false;
        try {
            long sid = zk.sessionId();
            List<String> children = zk.sortedChildren(zk.path, at + Zk.TOKEN_WAIT_MS);
            if (children == null) {
                why = "election path " + zk.path + " does not exist";
            } else {
                why = "no child of " + zk.path + " is owned by session " + Proto.hex(sid) + " " + children;
                for (int i = 0; i < children.size(); i++) {
                    String child = zk.path + "/" + children.get(i);
                    Stat st = zk.stat(child, at + Zk.TOKEN_WAIT_MS);
                    if (st != null && st.getEphemeralOwner() == sid) {
                        token = Proto.hex(st.getCzxid());
                        why = "leader via " + child + " czxid " + token + " owner " + Proto.hex(sid)
                                + (i == 0 ? "" : " but " + i + " lower node(s) exist: " + children.subList(0, i));
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            why = "token look-up interrupted (Curator cancelled leadership)";
        } catch (Exception e) {
            why = "token look-up failed: " + e;
        }
        Proto.leader(at, token);
        Proto.log(why);
        try {
            if (interrupted) throw new InterruptedException("leadership cancelled during the token look-up");
            if (witness == null || token == null) {
                if (witness != null) witness.debug("no token in the leader line: no writes during this leadership");
                while (true) Thread.sleep(60_000L);
            }
            while (true) {
                Thread.sleep(witness.intervalMs);
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException("leadership cancelled");
                if (!zk.client.getZookeeperClient().isConnected()) {
                    witness.debug("write skipped (token " + token + "): the client is not connected");
                    continue;
                }
                witness.write(token); // an interrupt cancels it and ends the leadership
            }
        } finally {
            Proto.follower(System.currentTimeMillis());
        }
    }

    @Override
    public void close() {
        selector.close();
    }
}
