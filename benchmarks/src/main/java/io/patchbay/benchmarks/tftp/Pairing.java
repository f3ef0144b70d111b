package io.patchbay.benchmarks.tftp;

/** Who downloads from whom in one timed transfer. */
enum Pairing {
  /** Our {@code TftpClient}, timed inside this process, from tftpd-hpa. */
  OURS_FROM_TFTPD("ours <- tftpd-hpa", true),
  /** curl, a whole process, from tftpd-hpa: the client baseline, and the server baseline. */
  CURL_FROM_TFTPD("curl <- tftpd-hpa", false),
  /** curl, a whole process, from our {@code TftpServer} in this process. */
  CURL_FROM_OURS("curl <- ours", false),
  /** Our client from our server, both in this process. */
  OURS_FROM_OURS("ours <- ours", true);

  private final String label;
  private final boolean ourClient;

  Pairing(String label, boolean ourClient) {
    this.label = label;
    this.ourClient = ourClient;
  }

  /** How the pairing is printed: client, then server. */
  String label() {
    return label;
  }

  /** Whether the client is ours (timed in process) rather than curl (a whole process). */
  boolean ourClient() {
    return ourClient;
  }

  /** Whether the server is ours rather than tftpd-hpa. */
  boolean ourServer() {
    return this == CURL_FROM_OURS || this == OURS_FROM_OURS;
  }
}
