package io.patchbay.benchmarks.tftp;

/**
 * What one transfer cost, in nanoseconds.
 *
 * @param wallNanos wall-clock time: for our client, from the request to the last byte written, in
 *     this process; for curl, from starting its process to its exit
 * @param jvmCpuNanos user + system time of this JVM over the transfer (all its threads: our client,
 *     our server, JIT and GC)
 * @param curlCpuNanos user + system time of curl (0 when our client ran); clock-tick resolution
 * @param tftpdCpuNanos user + system time of tftpd-hpa and the child serving the transfer (0 when
 *     our server ran), counted in a cgroup of its own; -1 where there is no cgroup CPU accounting
 */
record Sample(long wallNanos, long jvmCpuNanos, long curlCpuNanos, long tftpdCpuNanos) {

  /** The CPU time of every process taking part. */
  long totalCpuNanos() {
    return jvmCpuNanos + curlCpuNanos + Math.max(0, tftpdCpuNanos);
  }
}
