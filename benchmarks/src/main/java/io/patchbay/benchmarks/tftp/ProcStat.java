package io.patchbay.benchmarks.tftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** CPU times and the load average, from Linux's {@code /proc}. */
final class ProcStat {

  /** Linux reports process times in USER_HZ ticks, 100 a second on every architecture it runs. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  // Indexes into the fields after the command name of /proc/PID/stat (proc(5): cutime is field 16).
  private static final int CUTIME = 13;
  private static final int CSTIME = 14;

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProcStat() {}

  /** User + system time of every thread of this JVM so far. */
  static long jvmCpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** User + system time of this JVM's children that have been waited for (curl runs). */
  static long reapedChildrenCpuNanos() {
    long[] fields = fields("self");
    return (fields[CUTIME] + fields[CSTIME]) * NANOS_PER_TICK;
  }

  /** Whether process {@code pid} has a child, running or not yet reaped. */
  static boolean hasChildren(long pid) {
    Path children = Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children");
    try {
      return !Files.readString(children, StandardCharsets.US_ASCII).isBlank();
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The load averages over 1, 5 and 15 minutes, as {@code uptime} prints them. */
  static String loadAverage() {
    try {
      String[] parts =
          Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
              .trim()
              .split(" ", -1);
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 1-minute load average. */
  static double loadAverage1() {
    return Double.parseDouble(loadAverage().split(",", -1)[0]);
  }

  /** The effective user id of this process. */
  static int effectiveUid() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return Integer.parseInt(line.split("\\s+", -1)[2]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("/proc/self/status has no Uid line");
  }

  private static long[] fields(String pid) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The command name, in parentheses, may hold spaces: the fields start after the last ')'.
    String[] parts = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ", -1);
    long[] fields = new long[CSTIME + 1];
    for (int i = CUTIME; i <= CSTIME; i++) {
      fields[i] = Long.parseLong(parts[i]);
    }
    return fields;
  }
}
