import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.api.CuratorEventType;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.utils.DefaultZookeeperFactory;
import org.apache.curator.utils.ZookeeperFactory;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;

/**
 * The Curator client shared by both candidates, plus the observation hooks that do not change
 * Curator's behaviour: a ConnectionStateListener (protocol "conn" lines), a CuratorListener on
 * raw ZooKeeper connection events (session facts as "log" lines), an unhandled-error listener,
 * and a pass-through ZookeeperFactory that remembers the current ZooKeeper handle so that its
 * session id can be read without calling CuratorZookeeperClient.getZooKeeper() (which has side
 * effects: it polls Curator's background-exception queue and checks connection timeouts).
 */
final class Zk {
    /** Bounded wait for the token look-up; leadership is reported without a token after this. */
    static final long TOKEN_WAIT_MS = 1000;

    final String node;
    final String connectString;
    final String path;
    final int sessionTimeoutMs;
    final int connectionTimeoutMs;
    final CuratorFramework client;
    /** Curator's EnsembleTracker (default on) rewrites the connect string from the ensemble config. */
    final boolean ensembleTracker;

    private final AtomicReference<ZooKeeper> handle = new AtomicReference<>();
    private final AtomicInteger handles = new AtomicInteger();
    private final AtomicLong lastSession = new AtomicLong();

    Zk(String node, String connectString, String path, int sessionTimeoutMs, boolean ensembleTracker) {
        this.node = node;
        this.ensembleTracker = ensembleTracker;
        this.connectString = connectString;
        this.path = path;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.connectionTimeoutMs = Math.min(15_000, sessionTimeoutMs);
        RetryPolicy retry = new ExponentialBackoffRetry(500, 29, 5000);
        final ZookeeperFactory dflt = new DefaultZookeeperFactory();
        ZookeeperFactory remembering = new ZookeeperFactory() {
            @Override
            public ZooKeeper newZooKeeper(String cs, int st, Watcher w, boolean ro) throws Exception {
                return remember(dflt.newZooKeeper(cs, st, w, ro));
            }

            @Override
            public ZooKeeper newZooKeeper(String cs, int st, Watcher w, boolean ro, ZKClientConfig cfg)
                    throws Exception {
                return remember(dflt.newZooKeeper(cs, st, w, ro, cfg));
            }
        };
        // Default ConnectionStateErrorPolicy (StandardConnectionStateErrorPolicy): not set on purpose.
        this.client = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(connectionTimeoutMs)
                .retryPolicy(retry)
                .zookeeperFactory(remembering)
                .ensembleTracker(ensembleTracker)
                .build();
        client.getConnectionStateListenable().addListener(
                (c, state) -> Proto.conn(state.name().toLowerCase(Locale.ROOT)));
        client.getCuratorListenable().addListener((c, event) -> onCuratorEvent(event));
        client.getUnhandledErrorListenable().addListener(
                (message, e) -> Proto.log("curator unhandled error: " + message + ": " + e));
    }

    String describe() {
        return "connect string " + connectString + ", session timeout " + sessionTimeoutMs
                + " ms, connection timeout " + connectionTimeoutMs
                + " ms, retry ExponentialBackoffRetry(500, 29, 5000), default connection-state error policy"
                + (ensembleTracker ? "" : ", ensemble tracker off")
                + ", election path " + path + ", id " + node;
    }

    /**
     * Logs every change of the connect string Curator uses (its EnsembleTracker replaces the
     * configured host names with the servers' addresses from the ensemble's dynamic config).
     * Reads only an AtomicReference in Curator's ensemble provider: no effect on the client.
     */
    void watchConnectString() {
        Thread t = new Thread(() -> {
            String last = connectString;
            while (true) {
                try {
                    Thread.sleep(500);
                    String now = client.getZookeeperClient().getCurrentConnectionString();
                    if (now != null && !now.equals(last)) {
                        Proto.log("curator connect string changed to " + now + " (was " + last + ")");
                        last = now;
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the client is closing
                }
            }
        }, "sb-connect-string");
        t.setDaemon(true);
        t.start();
    }

    private ZooKeeper remember(ZooKeeper zk) {
        handle.set(zk);
        int n = handles.incrementAndGet();
        if (n > 1) Proto.log("curator created ZooKeeper handle #" + n + " (the previous session is abandoned)");
        return zk;
    }

    /** Session id of the current ZooKeeper handle (0 while not connected yet). */
    long sessionId() {
        ZooKeeper zk = handle.get();
        return zk == null ? 0 : zk.getSessionId();
    }

    private void onCuratorEvent(CuratorEvent event) {
        if (event.getType() != CuratorEventType.WATCHED) return;
        WatchedEvent w = event.getWatchedEvent();
        if (w == null || w.getType() != Watcher.Event.EventType.None) return;
        long sid = sessionId();
        switch (w.getState()) {
            case SyncConnected:
            case ConnectedReadOnly: {
                long prev = lastSession.getAndSet(sid);
                if (prev != sid) {
                    Proto.log("zookeeper session " + Proto.hex(sid) + " established"
                            + (prev == 0 ? "" : " (previous session " + Proto.hex(prev) + ")")
                            + (w.getState() == Watcher.Event.KeeperState.ConnectedReadOnly ? ", read-only" : "")
                            + ", negotiated timeout " + negotiatedTimeout() + " ms");
                }
                break;
            }
            default:
                // The event is about the last established session (the current handle may be new already).
                Proto.log("zookeeper event " + w.getState() + " (session " + Proto.hex(lastSession.get()) + ")");
        }
    }

    private int negotiatedTimeout() {
        ZooKeeper zk = handle.get();
        return zk == null ? 0 : zk.getSessionTimeout();
    }

    // ---- token look-ups (background calls with a bounded wait: never block Curator's threads) ----

    /** Stat of a node, null when it does not exist. */
    Stat stat(String p, long deadline) throws Exception {
        CompletableFuture<Stat> f = new CompletableFuture<>();
        client.checkExists().inBackground((c, e) -> {
            int rc = e.getResultCode();
            if (rc == KeeperException.Code.OK.intValue()) f.complete(e.getStat());
            else if (rc == KeeperException.Code.NONODE.intValue()) f.complete(null);
            else f.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc), e.getPath()));
        }).forPath(p);
        return await(f, deadline);
    }

    /** Children of a node sorted by their 10-digit sequence suffix; null when it does not exist. */
    List<String> sortedChildren(String p, long deadline) throws Exception {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        client.getChildren().inBackground((c, e) -> {
            int rc = e.getResultCode();
            if (rc == KeeperException.Code.OK.intValue()) f.complete(e.getChildren());
            else if (rc == KeeperException.Code.NONODE.intValue()) f.complete(null);
            else f.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc), e.getPath()));
        }).forPath(p);
        List<String> children = await(f, deadline);
        if (children == null) return null;
        List<String> sorted = new ArrayList<>(children);
        sorted.sort(Comparator.comparing(Zk::sequenceSuffix));
        return sorted;
    }

    static String sequenceSuffix(String name) {
        return name.length() >= 10 ? name.substring(name.length() - 10) : name;
    }

    private static <T> T await(CompletableFuture<T> f, long deadline) throws Exception {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) throw new TimeoutException("token look-up deadline passed");
        try {
            return f.get(left, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : e;
        }
    }

    // ---- versions ----

    static String curatorVersion() {
        String v = pomVersion(CuratorFramework.class, "org.apache.curator", "curator-framework");
        if (v == null) v = CuratorFramework.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    static String zookeeperVersion() {
        try {
            return org.apache.zookeeper.Version.getFullVersion();
        } catch (Throwable t) {
            String v = pomVersion(ZooKeeper.class, "org.apache.zookeeper", "zookeeper");
            return v == null ? "unknown" : v;
        }
    }

    static String jarOf(Class<?> c) {
        try {
            return String.valueOf(c.getProtectionDomain().getCodeSource().getLocation().getPath());
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /** Version from META-INF/maven/<group>/<artifact>/pom.properties of the jar the class came from. */
    private static String pomVersion(Class<?> c, String group, String artifact) {
        try {
            URL jar = c.getProtectionDomain().getCodeSource().getLocation();
            URL pom = new URL("jar:" + jar + "!/META-INF/maven/" + group + "/" + artifact + "/pom.properties");
            try (InputStream in = pom.openStream()) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version");
            }
        } catch (Exception | Error e) {
            return null;
        }
    }
}
