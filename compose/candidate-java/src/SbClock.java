/**
 * Prints the wall clock in ms as a JVM reads it (System.currentTimeMillis): splitbrain's clock
 * faults run it as /usr/local/bin/sb-clock-ms, with the candidate's environment (libfaketime
 * preloaded in runs with a clock fault), to check that an offset took effect for the JVM.
 * With --wait: waits 300 ms on a monitor and parks 300 ms, and prints how long each took by the
 * monotonic clock (the image's build and the Docker tests check that the preload leaves timed
 * waits their length).
 */
public final class SbClock {
  private SbClock() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("--wait")) {
      Object lock = new Object();
      long start = System.nanoTime();
      synchronized (lock) {
        lock.wait(300);
      }
      long waited = (System.nanoTime() - start) / 1_000_000;
      start = System.nanoTime();
      java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
      long parked = (System.nanoTime() - start) / 1_000_000;
      System.out.println(waited + " " + parked);
      return;
    }
    System.out.println(System.currentTimeMillis());
  }
}
