package io.patchbay.transport.tftp;

import io.patchbay.internal.Untrusted;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TFTP client (RFC 1350) that asks for blksize (RFC 2348), tsize and timeout (RFC 2349) and
 * windowsize (RFC 7440), and falls back to RFC 1350 for whatever the server does not acknowledge.
 *
 * <p>Immutable and thread-safe: every transfer runs on its own ephemeral port, so one client serves
 * any number of transfers at once. Calls block; each wait for the server is bounded by {@link
 * #timeout()} and {@link #retries()}, and an interrupted thread ends the transfer with {@link
 * java.io.InterruptedIOException}. Streams the bytes, never holding a file in memory.
 */
public final class TftpClient {

  /** The largest window accepted: it bounds the memory a transfer holds for retransmission. */
  public static final int MAX_WINDOW_SIZE = 256;

  private static final Logger LOG = LoggerFactory.getLogger(TftpClient.class);
  private static final TftpClient DEFAULTS = builder().build();

  private final int blockSize;
  private final int windowSize;
  private final Duration timeout;
  private final int retries;
  private final Duration answerPoll;
  private final boolean transferSize;
  private final boolean timeoutOption;

  private TftpClient(Builder builder) {
    this.blockSize = builder.blockSize;
    this.windowSize = builder.windowSize;
    this.timeout = builder.timeout;
    this.answerPoll = builder.answerPoll;
    this.retries = builder.retries;
    this.transferSize = builder.transferSize;
    this.timeoutOption = builder.timeoutOption;
  }

  /** Blocks of 1,428 bytes, windows of 8, 1 s timeout, 5 retries, tsize and timeout options. */
  public static TftpClient defaults() {
    return DEFAULTS;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The block size asked for; 512 asks for none. */
  public int blockSize() {
    return blockSize;
  }

  /** The window asked for; 1 asks for none. */
  public int windowSize() {
    return windowSize;
  }

  /** How long to wait for each packet before sending the last one again. */
  public Duration timeout() {
    return timeout;
  }

  /** How often the last packet is sent again before the transfer fails. */
  public int retries() {
    return retries;
  }

  /** Whether tsize is exchanged in octet mode (RFC 2349). */
  public boolean transferSize() {
    return transferSize;
  }

  /** Whether the server is asked to use {@link #timeout()}, in whole seconds (RFC 2349). */
  public boolean timeoutOption() {
    return timeoutOption;
  }

  /**
   * Starts reading {@code file} from {@code server} and returns its bytes as they arrive. The
   * server's first answer has come when this returns, so a missing file fails here. Read the stream
   * promptly: the server waits at most its own timeout for each acknowledgement. Reading to the end
   * acknowledges the last block; closing the stream earlier abandons the transfer.
   *
   * @throws TftpErrorException if the server refuses the file, for example with code 1 (not found)
   * @throws TftpTimeoutException if the server does not answer
   * @throws IOException if the socket fails
   */
  public InputStream open(InetSocketAddress server, String file, TftpMode mode) throws IOException {
    Opened opened = start(server, requireName(file), mode, false, TransferOptions.UNKNOWN_SIZE);
    Conversation conversation = opened.conversation();
    Receiver receiver;
    if (opened.answer() instanceof Packet.Data first) {
      receiver =
          new Receiver(conversation, opened.options(), opened.request(), first, Duration.ZERO);
    } else {
      // RFC 2347 §4: the client confirms an OACK to a read request with ACK 0.
      Packet.Ack confirm = new Packet.Ack(0);
      try {
        conversation.send(confirm);
      } catch (IOException e) {
        conversation.close();
        throw e;
      }
      receiver = new Receiver(conversation, opened.options(), confirm, null, Duration.ZERO);
    }
    // A client does not dally after its last ACK: if that ACK is lost, the server's retries run
    // out on its side, while the client already holds the whole file.
    InputStream stream = ReceivingStream.owning(receiver, conversation);
    return mode == TftpMode.NETASCII ? Netascii.decoding(stream) : stream;
  }

  /**
   * Reads {@code file} from {@code server} into {@code out} and returns the number of bytes
   * written; see {@link #open}. Does not close {@code out}.
   *
   * @throws TftpErrorException if the server refuses the file or breaks off with an ERROR
   * @throws TftpTimeoutException if the server stops sending
   * @throws IOException if the socket or {@code out} fails
   */
  public long read(InetSocketAddress server, String file, TftpMode mode, OutputStream out)
      throws IOException {
    try (InputStream in = open(server, file, mode)) {
      return in.transferTo(out);
    }
  }

  /**
   * Writes {@code content} to {@code file} on {@code server} and returns once the server
   * acknowledged the last block. Does not close {@code content}.
   *
   * @param size the number of bytes {@code content} holds, sent as tsize so the server can refuse a
   *     file too large before it arrives; {@code -1} if unknown
   * @param progress told the running count of bytes the server acknowledged
   * @return the number of bytes acknowledged
   * @throws TftpErrorException if the server refuses the file, for example with code 3 (disk full)
   * @throws TftpTimeoutException if the server stops acknowledging
   * @throws IOException if the socket or {@code content} fails
   */
  public long write(
      InetSocketAddress server,
      String file,
      TftpMode mode,
      InputStream content,
      long size,
      LongConsumer progress)
      throws IOException {
    Opened opened = start(server, requireName(file), mode, true, size);
    try (Conversation conversation = opened.conversation()) {
      InputStream source = mode == TftpMode.NETASCII ? Netascii.encoding(content) : content;
      try {
        return new Sender(conversation, opened.options()).send(BlockSource.of(source), progress);
      } catch (IOException e) {
        if (!(e instanceof TftpErrorException || e instanceof TftpProtocolException)) {
          conversation.sendError(TftpErrorCode.NOT_DEFINED, "Transfer abandoned by the client");
        }
        throw e;
      }
    }
  }

  /** A request the server answered: the conversation, what it runs with and the first answer. */
  private record Opened(
      Conversation conversation, Packet.Request request, TransferOptions options, Packet answer) {}

  private Opened start(
      InetSocketAddress server, String file, TftpMode mode, boolean write, long size)
      throws IOException {
    boolean withOptions =
        blockSize != Packet.DEFAULT_BLOCK_SIZE
            || windowSize > 1
            || timeoutOption
            || (transferSize && mode == TftpMode.OCTET && (size >= 0 || !write));
    try {
      return attempt(server, file, mode, write, size, withOptions);
    } catch (TftpErrorException e) {
      // RFC 2347 §3 lets a server refuse options with ERROR 8 rather than leave them out of an
      // OACK; such a server still speaks RFC 1350, so ask once more without options.
      if (!withOptions || e.code() != TftpErrorCode.OPTION_REFUSED.code()) {
        throw e;
      }
      LOG.debug(
          "{} refused the options for {}; asking again without", server, Untrusted.quote(file), e);
      return attempt(server, file, mode, write, size, false);
    }
  }

  private Opened attempt(
      InetSocketAddress server,
      String file,
      TftpMode mode,
      boolean write,
      long size,
      boolean withOptions)
      throws IOException {
    Conversation conversation = Conversation.toServer(server, timeout, retries, answerPoll);
    try {
      Map<String, String> options = Map.of();
      if (withOptions) {
        int window = write ? windowSize : conversation.fitReceiveWindow(blockSize, windowSize);
        long tsize = !transferSize ? TransferOptions.UNKNOWN_SIZE : write ? size : 0;
        options = Options.request(blockSize, window, timeoutOption ? timeout : null, tsize, mode);
      }
      Packet.Request request = new Packet.Request(write, file, mode, options);
      Packet answer =
          conversation.exchange(
              request,
              packet -> answers(request, packet),
              (write ? "answer to WRQ " : "answer to RRQ ") + Untrusted.quote(file));
      TransferOptions negotiated = TransferOptions.RFC_1350;
      if (answer instanceof Packet.OptionAck oack) {
        try {
          negotiated = Options.accept(options, oack.options(), write);
        } catch (Refusal refusal) {
          throw conversation.abort(refusal.code(), refusal.getMessage());
        }
      }
      return new Opened(conversation, request, negotiated, answer);
    } catch (IOException | RuntimeException e) {
      conversation.close();
      throw e;
    }
  }

  /**
   * RFC 1350 §4 and RFC 2347 §4: a read is answered by DATA 1, a write by ACK 0, either by an OACK.
   */
  private static boolean answers(Packet.Request request, Packet packet) {
    if (packet instanceof Packet.OptionAck) {
      return request.hasOptions();
    }
    return request.write()
        ? packet instanceof Packet.Ack ack && ack.block() == 0
        : packet instanceof Packet.Data data && data.block() == 1;
  }

  private static String requireName(String file) {
    Objects.requireNonNull(file, "file");
    if (file.isEmpty() || file.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "A TFTP file name must be non-empty and free of NUL: " + Untrusted.quote(file));
    }
    return file;
  }

  /** Configures a {@link TftpClient}; not thread-safe. */
  public static final class Builder {
    private int blockSize = 1428;
    private int windowSize = 8;
    private Duration timeout = Duration.ofSeconds(1);
    private int retries = 5;
    private Duration answerPoll = AnswerPoll.DEFAULT_LIMIT;
    private boolean transferSize = true;
    private boolean timeoutOption = true;

    private Builder() {}

    /**
     * The block size to ask for, 8 to 65,464 (RFC 2348); 512 asks for none. The default, 1,428,
     * fills a 1,500-byte Ethernet frame over IPv4 and IPv6 without fragmenting.
     */
    public Builder blockSize(int bytes) {
      if (bytes < Options.MIN_BLOCK_SIZE || bytes > Packet.MAX_BLOCK_SIZE) {
        throw new IllegalArgumentException("Block size must be 8 to 65464: " + bytes);
      }
      this.blockSize = bytes;
      return this;
    }

    /**
     * The window to ask for, 1 to {@value TftpClient#MAX_WINDOW_SIZE} (RFC 7440); 1 asks for none.
     */
    public Builder windowSize(int blocks) {
      if (blocks < 1 || blocks > MAX_WINDOW_SIZE) {
        throw new IllegalArgumentException(
            "Window size must be 1 to " + MAX_WINDOW_SIZE + ": " + blocks);
      }
      this.windowSize = blocks;
      return this;
    }

    /** How long to wait for each packet before sending the last one again; 1 ms to 255 s. */
    public Builder timeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofMillis(1)) < 0
          || timeout.compareTo(Duration.ofSeconds(255)) > 0) {
        throw new IllegalArgumentException("Timeout must be 1 ms to 255 s: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** How often to send the last packet again before failing, 0 to 100. */
    public Builder retries(int retries) {
      this.retries = Options.requireRetries(retries);
      return this;
    }

    /**
     * How long a wait for the server's next DATA (or ACK, on an upload) may poll the socket before
     * it sleeps, 0 (never) to 1 ms; defaults to 100 us. Only a server whose answers have come
     * within this on average is polled for, by at most half the processors' threads at once: it
     * saves a wake-up per block on a fast LAN at the cost of CPU while it polls.
     */
    public Builder answerPoll(Duration limit) {
      this.answerPoll = AnswerPoll.requireLimit(limit);
      return this;
    }

    /** Whether to exchange tsize in octet mode (RFC 2349). */
    public Builder transferSize(boolean exchange) {
      this.transferSize = exchange;
      return this;
    }

    /**
     * Whether to ask the server to retransmit after the timeout, rounded up to whole seconds (RFC
     * 2349).
     */
    public Builder timeoutOption(boolean ask) {
      this.timeoutOption = ask;
      return this;
    }

    /** Asks for no options at all: 512-byte blocks in lockstep, as RFC 1350 alone defines. */
    public Builder plainRfc1350() {
      this.blockSize = Packet.DEFAULT_BLOCK_SIZE;
      this.windowSize = 1;
      this.transferSize = false;
      this.timeoutOption = false;
      return this;
    }

    /** Builds the client. */
    public TftpClient build() {
      return new TftpClient(this);
    }
  }
}
