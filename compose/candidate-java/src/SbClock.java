/**
 * Prints the wall clock in ms as a JVM reads it (System.currentTimeMillis): splitbrain's clock
 * faults run it as /usr/local/bin/sb-clock-ms, with the candidate's environment (libfaketime
 * preloaded in runs with a clock fault), to check that an offset took effect for the JVM.
 */
public final class SbClock {
  private SbClock() {}

  public static void main(String[] args) {
    System.out.println(System.currentTimeMillis());
  }
}
