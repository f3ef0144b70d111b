package io.patchbay.transport.tftp;

import io.patchbay.internal.Untrusted;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Option negotiation (RFC 2347): what a client asks for, how a server answers, and how the client
 * checks the answer. Options a peer leaves out keep RFC 1350's values.
 */
final class Options {

  static final String BLKSIZE = "blksize";
  static final String TSIZE = "tsize";
  static final String TIMEOUT = "timeout";
  static final String WINDOWSIZE = "windowsize";

  /** RFC 2348 §2: block sizes from 8 to 65,464 bytes. */
  static final int MIN_BLOCK_SIZE = 8;

  /** RFC 2349 §2: timeouts from 1 to 255 seconds. */
  static final int MAX_TIMEOUT_SECONDS = 255;

  private Options() {}

  /**
   * The options a client sends. Each is left out where RFC 1350's value would do, so a plain
   * request stays plain for old peers.
   *
   * @param timeout the retransmission timeout to ask the server to use, or {@code null}
   * @param size for a write, the file's size, or {@link TransferOptions#UNKNOWN_SIZE}; for a read,
   *     0 asks the server for the size, {@code UNKNOWN_SIZE} does not
   */
  static Map<String, String> request(
      int blockSize, int windowSize, Duration timeout, long size, TftpMode mode) {
    Map<String, String> options = new LinkedHashMap<>();
    if (blockSize != Packet.DEFAULT_BLOCK_SIZE) {
      options.put(BLKSIZE, Integer.toString(blockSize));
    }
    // RFC 2349 §4: tsize is only meaningful in octet mode (netascii changes the byte count).
    if (size >= 0 && mode == TftpMode.OCTET) {
      options.put(TSIZE, Long.toString(size));
    }
    if (timeout != null) {
      options.put(TIMEOUT, Long.toString(timeoutSeconds(timeout)));
    }
    if (windowSize > 1) {
      options.put(WINDOWSIZE, Integer.toString(windowSize));
    }
    return options;
  }

  /** The timeout option's whole seconds for {@code timeout}, rounded up into RFC 2349's range. */
  static long timeoutSeconds(Duration timeout) {
    long millis = timeout.toMillis();
    return Math.max(1, Math.min(MAX_TIMEOUT_SECONDS, (millis + 999) / 1000));
  }

  /**
   * Checks a server's OACK against what was asked (RFC 2347 §3: a server may only accept options
   * the client sent, never with a larger block or window) and returns what the transfer runs with.
   *
   * @throws Refusal with {@link TftpErrorCode#OPTION_REFUSED} for an option not asked for or a
   *     value out of bounds; the client then ends the transfer with that ERROR
   */
  static TransferOptions accept(
      Map<String, String> requested, Map<String, String> acknowledged, boolean write)
      throws Refusal {
    TransferOptions options = TransferOptions.RFC_1350;
    int blockSize = options.blockSize();
    int windowSize = options.windowSize();
    Duration timeout = null;
    long transferSize = TransferOptions.UNKNOWN_SIZE;
    for (Map.Entry<String, String> option : acknowledged.entrySet()) {
      String name = option.getKey();
      String asked = requested.get(name);
      if (asked == null) {
        throw refused("acknowledged option " + Untrusted.quote(name) + " that was not requested");
      }
      long value = number(option.getValue());
      switch (name) {
        case BLKSIZE ->
            blockSize = (int) within(name, value, MIN_BLOCK_SIZE, Long.parseLong(asked));
        case WINDOWSIZE -> windowSize = (int) within(name, value, 1, Long.parseLong(asked));
        // RFC 2349 §3: the server must echo the timeout exactly.
        case TIMEOUT ->
            timeout =
                Duration.ofSeconds(
                    within(name, value, Long.parseLong(asked), Long.parseLong(asked)));
        // RFC 2349 §4: in a read the server tells the size; in a write it echoes ours.
        case TSIZE ->
            transferSize =
                write
                    ? within(name, value, Long.parseLong(asked), Long.parseLong(asked))
                    : within(name, value, 0, Long.MAX_VALUE);
        default -> throw refused("acknowledged unknown option " + Untrusted.quote(name));
      }
    }
    return new TransferOptions(blockSize, windowSize, timeout, transferSize);
  }

  /**
   * What a server agreed to: the values the transfer runs with, and the OACK's options (empty: no
   * OACK).
   */
  record Negotiated(TransferOptions options, Map<String, String> acknowledged) {}

  /**
   * Answers a request's options as a server (RFC 2347 §3): each option it understands is accepted,
   * capped where the RFCs allow a smaller value; invalid and unknown options are left out, so the
   * client falls back to RFC 1350 for them.
   *
   * @param maxBlockSize the largest block this server sends or receives
   * @param maxWindowSize the largest window this server allows
   * @param maxTimeoutSeconds the longest timeout this server grants; a client asking for longer has
   *     the option left out, since RFC 2349 §3 has the server echo the value exactly or not at all
   * @param fileSize for a read in octet mode, the size to report for tsize; otherwise {@link
   *     TransferOptions#UNKNOWN_SIZE}
   */
  static Negotiated negotiate(
      Packet.Request request,
      int maxBlockSize,
      int maxWindowSize,
      long maxTimeoutSeconds,
      long fileSize) {
    Map<String, String> acknowledged = new LinkedHashMap<>();
    TransferOptions defaults = TransferOptions.RFC_1350;
    int blockSize = defaults.blockSize();
    int windowSize = defaults.windowSize();
    Duration timeout = null;
    long transferSize = TransferOptions.UNKNOWN_SIZE;
    for (Map.Entry<String, String> option : request.options().entrySet()) {
      long value = number(option.getValue());
      switch (option.getKey()) {
        case BLKSIZE -> {
          if (value >= MIN_BLOCK_SIZE) {
            // RFC 2348 §2: the server may answer with a smaller block than asked for.
            blockSize = (int) Math.min(value, Math.min(maxBlockSize, Packet.MAX_BLOCK_SIZE));
            acknowledged.put(BLKSIZE, Integer.toString(blockSize));
          }
        }
        case WINDOWSIZE -> {
          if (value >= 1) {
            // RFC 7440 §3: the server may answer with a smaller window than asked for.
            windowSize = (int) Math.min(value, maxWindowSize);
            acknowledged.put(WINDOWSIZE, Integer.toString(windowSize));
          }
        }
        case TIMEOUT -> {
          // A long timeout times the retries keeps a transfer, and what it holds, alive for
          // minutes on one datagram that may well be spoofed: grant only up to the cap.
          if (value >= 1 && value <= Math.min(MAX_TIMEOUT_SECONDS, maxTimeoutSeconds)) {
            timeout = Duration.ofSeconds(value);
            acknowledged.put(TIMEOUT, Long.toString(value));
          }
        }
        case TSIZE -> {
          if (request.write() && value >= 0) {
            transferSize = value;
            acknowledged.put(TSIZE, Long.toString(value));
          } else if (!request.write() && fileSize >= 0 && request.mode() == TftpMode.OCTET) {
            transferSize = fileSize;
            acknowledged.put(TSIZE, Long.toString(fileSize));
          }
        }
        default -> {
          // RFC 2347 §3: options the server does not support are left out of the OACK.
        }
      }
    }
    return new Negotiated(
        new TransferOptions(blockSize, windowSize, timeout, transferSize), acknowledged);
  }

  /** The option value as a non-negative decimal number, or -1 if it is not one. */
  static long number(String value) {
    if (value.isEmpty() || value.length() > 18) {
      return -1;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(value);
  }

  private static long within(String name, long value, long min, long max) throws Refusal {
    if (value < min || value > max) {
      throw refused("acknowledged " + name + " " + value + " outside " + min + ".." + max);
    }
    return value;
  }

  private static Refusal refused(String reason) {
    return new Refusal(TftpErrorCode.OPTION_REFUSED, "Server " + reason);
  }

  /**
   * Returns {@code retries} if it is 0 to 100: enough for any link, and a bound on how long a
   * silent peer keeps a transfer alive.
   *
   * @throws IllegalArgumentException otherwise
   */
  static int requireRetries(int retries) {
    if (retries < 0 || retries > 100) {
      throw new IllegalArgumentException("Retries must be 0 to 100: " + retries);
    }
    return retries;
  }
}
