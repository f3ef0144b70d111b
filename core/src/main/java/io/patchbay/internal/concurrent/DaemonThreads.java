package io.patchbay.internal.concurrent;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes every thread Patchbay starts: named, so a thread dump tells whose it is, and a daemon, so
 * that a gateway whose caller forgot to close something still exits. Not API.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /**
   * A factory of daemon threads named {@code prefix-1}, {@code prefix-2}, and so on. Thread-safe.
   */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> daemon(runnable, prefix + "-" + count.incrementAndGet());
  }

  /** Starts a daemon thread named {@code name} that runs {@code task}. */
  public static Thread start(String name, Runnable task) {
    Thread thread = daemon(task, name);
    thread.start();
    return thread;
  }

  /**
   * A timer with one daemon thread named {@code name}, which forgets a cancelled task at once (a
   * deadline cancelled long before it is due must not hold its task until then). Shut it down when
   * done.
   */
  public static ScheduledThreadPoolExecutor timer(String name) {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, runnable -> daemon(runnable, name));
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }
}
