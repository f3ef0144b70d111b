/**
 * The TFTP harness of issue 16: our TFTP client and server timed against tftpd-hpa and curl on
 * loopback, every transfer checked by its SHA-256; see {@link
 * io.patchbay.benchmarks.tftp.TftpHarness} and "TFTP (issue 16)" in {@code BENCHMARKS.md}.
 */
package io.patchbay.benchmarks.tftp;
