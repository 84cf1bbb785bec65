// Placeholder for the Curator reference candidate (the real one replaces this file).
// Prints one protocol line, checks that the Curator jars load, then sleeps.
public final class Main {
    public static void main(String[] args) throws Exception {
        System.out.println("{\"sb\":\"log\",\"msg\":\"curator candidate placeholder\"}");
        System.out.flush();
        for (String cls : new String[] {
                "org.apache.curator.framework.recipes.leader.LeaderLatch",
                "org.apache.curator.framework.CuratorFrameworkFactory",
                "org.apache.zookeeper.ZooKeeper"}) {
            Class<?> c = Class.forName(cls);
            String where = c.getProtectionDomain().getCodeSource() == null ? "?"
                    : String.valueOf(c.getProtectionDomain().getCodeSource().getLocation());
            System.err.println("loaded " + cls + " from " + where);
        }
        while (true) {
            Thread.sleep(60_000L);
        }
    }
}
