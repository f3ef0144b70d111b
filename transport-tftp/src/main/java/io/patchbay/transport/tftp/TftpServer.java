package io.patchbay.transport.tftp;

import io.patchbay.internal.concurrent.DaemonThreads;
import io.patchbay.model.FileNames;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TFTP server (RFC 1350 with RFC 2347, 2348, 2349 and 7440) serving a directory: a head end for
 * set-top boxes that fetch firmware and configuration by TFTP, or a test peer.
 *
 * <p>Each transfer runs on its own ephemeral port (the server's transfer identifier, RFC 1350 §4)
 * and its own thread from the {@linkplain Builder#executor executor}, up to {@linkplain
 * Builder#maxTransfers a bound} in all and {@linkplain Builder#maxTransfersPerClient another} for
 * each client address. A client that never answers is sent the first packet at most {@linkplain
 * Builder#unansweredRetries a few times}, and may ask for a timeout of {@linkplain
 * Builder#maxClientTimeout at most 5 s}, so one forged request costs little. Clients can read only
 * inside the root directory: {@code ..}, backslashes and drive prefixes are refused, a leading
 * {@code /} means the root, and symbolic links that lead out of it are refused. Nothing is writable
 * unless configured; a written file appears atomically once complete, and a failed write leaves
 * nothing behind.
 *
 * <p>A request that a client sends again before it answered its transfer starts nothing: it is a
 * retransmission. Any other request starts a transfer, even from the port of one still running or
 * dallying, so clients that keep one port for all their transfers work back to back.
 *
 * <p>Started by {@link Builder#start()}, stopped by {@link #close()}; thread-safe.
 */
public final class TftpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TftpServer.class);

  private final ServedFiles files;
  private final ServerTransfer.Limits limits;
  private final DatagramChannel listener;
  private final InetSocketAddress address;
  private final Executor executor;
  private final boolean ownsExecutor;
  private final TransferSlots transfers;
  private final RunningRequests running = new RunningRequests(this::admit);
  private final Set<Conversation> conversations = ConcurrentHashMap.newKeySet();
  private final Thread listenerThread;
  private volatile boolean closed;

  private TftpServer(Builder builder, ServedFiles files) throws IOException {
    this.files = files;
    this.limits =
        new ServerTransfer.Limits(
            builder.maxBlockSize,
            builder.maxWindowSize,
            builder.timeout,
            builder.maxClientTimeout,
            builder.retries,
            builder.unansweredRetries,
            builder.answerPoll);
    this.transfers = new TransferSlots(builder.maxTransfers, builder.maxTransfersPerClient);
    this.listener =
        DatagramChannel.open(
            builder.address.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET);
    try {
      listener.bind(builder.address);
      this.address = (InetSocketAddress) listener.getLocalAddress();
    } catch (IOException e) {
      listener.close();
      throw e;
    }
    if (builder.executor != null) {
      this.executor = builder.executor;
      this.ownsExecutor = false;
    } else {
      this.executor =
          Executors.newCachedThreadPool(
              DaemonThreads.numbered("patchbay-tftp-" + address.getPort()));
      this.ownsExecutor = true;
    }
    this.listenerThread =
        DaemonThreads.start("patchbay-tftp-listener-" + address.getPort(), this::listen);
  }

  /** Starts configuring a server for the files under {@code root}, read-only unless configured. */
  public static Builder builder(Path root) {
    return new Builder(Objects.requireNonNull(root), null);
  }

  /**
   * Serves {@code root} read-only on {@code port} of the loopback address ({@code 0} for an
   * ephemeral one), with default settings: a head end for tests, demos and labs.
   *
   * @throws IOException if the root is not a directory or the port cannot be bound
   */
  public static TftpServer serve(Path root, int port) throws IOException {
    return builder(root)
        .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .start();
  }

  /** Starts configuring a server for files that are not a plain directory, such as a device's. */
  static Builder builder(ServedFiles files) {
    return new Builder(null, Objects.requireNonNull(files));
  }

  /** The address and port the server listens on, such as {@code 127.0.0.1:41234}. */
  public InetSocketAddress address() {
    return address;
  }

  /** The UDP port the server listens on. */
  public int port() {
    return address.getPort();
  }

  /**
   * The URI of {@code file} under the served root, such as {@code
   * tftp://127.0.0.1:41234/catalog.json}.
   *
   * @throws IllegalArgumentException if {@code file} is not a valid relative file name
   */
  public URI uri(String file) {
    String path = "/" + FileNames.requireValid(file);
    try {
      // This constructor quotes what a path may not hold, such as spaces.
      return new URI("tftp", uri().getRawAuthority(), path, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Cannot address " + path + " on " + uri(), e);
    }
  }

  /**
   * The URI of the served root, such as {@code tftp://127.0.0.1:41234} or {@code
   * tftp://[::1]:41234}.
   */
  public URI uri() {
    String host = address.getAddress().getHostAddress();
    return URI.create(
        "tftp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
  }

  /**
   * Stops listening and breaks off transfers in progress; their clients see a timeout, and uploads
   * in progress leave nothing. Waits up to five seconds for the server's own threads.
   */
  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      LOG.debug("Closing the listening socket failed", e);
    }
    conversations.forEach(Conversation::close);
    if (ownsExecutor) {
      ExecutorService pool = (ExecutorService) executor;
      pool.shutdownNow();
      try {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          LOG.warn("TFTP transfers on {} did not stop within 5 s", address);
        }
        listenerThread.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void listen() {
    ByteBuffer buffer = ByteBuffer.allocate(Packet.MAX_PACKET + 1);
    while (!closed) {
      buffer.clear();
      InetSocketAddress client;
      try {
        client = (InetSocketAddress) listener.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.warn("Receiving on {} failed", address, e);
        continue;
      }
      buffer.flip();
      dispatch(client, buffer);
    }
  }

  private void dispatch(InetSocketAddress client, ByteBuffer datagram) {
    Packet packet;
    try {
      packet = Packet.decode(datagram);
    } catch (Packet.Malformed e) {
      answer(client, TftpErrorCode.ILLEGAL_OPERATION, "Malformed request: " + e.getMessage());
      return;
    }
    if (!(packet instanceof Packet.Request request)) {
      if (!(packet instanceof Packet.ErrorPacket)) {
        answer(client, TftpErrorCode.ILLEGAL_OPERATION, "Only RRQ and WRQ are served on this port");
      }
      return;
    }
    admit(client, request);
  }

  /**
   * Starts a transfer for {@code request} unless it repeats a running one's ({@link
   * RunningRequests}). Called by the listener, and by a transfer that held a request and found it
   * new.
   */
  private void admit(InetSocketAddress client, Packet.Request request) {
    RunningRequests.Entry transfer = running.admit(client, request);
    if (transfer == null) {
      return;
    }
    String busy = transfers.tryAcquire(client.getAddress());
    if (busy != null) {
      transfer.end();
      LOG.debug("Refusing {} from {}: {}", request, client, busy);
      answer(client, TftpErrorCode.NOT_DEFINED, busy);
      return;
    }
    try {
      executor.execute(() -> serve(transfer));
    } catch (RejectedExecutionException e) {
      transfer.end();
      transfers.release(client.getAddress());
      if (!closed) {
        answer(client, TftpErrorCode.NOT_DEFINED, "busy: too many transfers, try again later");
      }
    }
  }

  private void serve(RunningRequests.Entry transfer) {
    InetSocketAddress client = transfer.client();
    try {
      Conversation conversation =
          Conversation.withClient(
              address.getAddress(),
              client,
              limits.timeout(),
              limits.retries(),
              limits.unansweredRetries(),
              limits.answerPoll(),
              transfer);
      transfer.attach(conversation);
      conversations.add(conversation);
      try {
        if (!closed) {
          new ServerTransfer(limits, files, transfer.request(), conversation).run();
        }
      } finally {
        conversations.remove(conversation);
        conversation.close();
      }
    } catch (IOException e) {
      LOG.warn("Could not open a port for {} from {}", transfer.request(), client, e);
    } finally {
      transfer.end();
      transfers.release(client.getAddress());
    }
  }

  /** Answers a request on the listening port, for requests refused before a transfer starts. */
  private void answer(InetSocketAddress client, TftpErrorCode code, String message) {
    ByteBuffer error = ByteBuffer.allocate(Packet.MAX_PACKET);
    new Packet.ErrorPacket(code, message).encode(error);
    error.flip();
    try {
      listener.send(error, client);
    } catch (IOException e) {
      LOG.debug("Could not answer {}", client, e);
    }
  }

  /** Configures a {@link TftpServer}; not thread-safe. */
  public static final class Builder {
    private final Path root;
    private final ServedFiles files;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private Predicate<String> writable = name -> false;
    private long maxFileSize = 1L << 30;
    private int maxBlockSize = Packet.MAX_BLOCK_SIZE;
    private int maxWindowSize = 64;
    private Duration timeout = Duration.ofSeconds(1);
    private Duration maxClientTimeout = Duration.ofSeconds(5);
    private int retries = 5;
    private Duration answerPoll = AnswerPoll.DEFAULT_LIMIT;
    private int unansweredRetries = 2;
    private Executor executor;
    private int maxTransfers = 256;
    private int maxTransfersPerClient = 8;

    private Builder(Path root, ServedFiles files) {
      this.root = root;
      this.files = files;
    }

    /**
     * Where to listen: an IPv4 or IPv6 address and port, such as {@code [::]:69} for every address.
     * Defaults to an ephemeral port on the loopback address.
     */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address);
      return this;
    }

    /**
     * Which files clients may write, by their path relative to the root, such as {@code name ->
     * name.startsWith("uploads/")}. Defaults to none.
     */
    public Builder writable(Predicate<String> names) {
      this.writable = Objects.requireNonNull(names);
      return this;
    }

    /**
     * Lets clients write files anywhere below {@code subdirectory} of the root, such as {@code
     * "uploads"}.
     */
    public Builder writableDirectory(String subdirectory) {
      String prefix = FileNames.requireValid(subdirectory) + "/";
      return writable(name -> name.startsWith(prefix));
    }

    /**
     * The largest file clients may write; larger ones are refused with ERROR 3. Defaults to 1 GiB.
     */
    public Builder maxFileSize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("Maximum file size must not be negative: " + bytes);
      }
      this.maxFileSize = bytes;
      return this;
    }

    /** The largest block negotiated (RFC 2348), 8 to 65,464; defaults to 65,464. */
    public Builder maxBlockSize(int bytes) {
      if (bytes < Options.MIN_BLOCK_SIZE || bytes > Packet.MAX_BLOCK_SIZE) {
        throw new IllegalArgumentException("Maximum block size must be 8 to 65464: " + bytes);
      }
      this.maxBlockSize = bytes;
      return this;
    }

    /**
     * The largest window negotiated (RFC 7440), 1 to {@value TftpClient#MAX_WINDOW_SIZE}; 1 turns
     * windows off. Defaults to 64. Uploads get less if the socket's receive buffer is smaller.
     */
    public Builder maxWindowSize(int blocks) {
      if (blocks < 1 || blocks > TftpClient.MAX_WINDOW_SIZE) {
        throw new IllegalArgumentException(
            "Maximum window must be 1 to " + TftpClient.MAX_WINDOW_SIZE + ": " + blocks);
      }
      this.maxWindowSize = blocks;
      return this;
    }

    /**
     * How long to wait for each packet, unless a client asks for another (RFC 2349) of at most
     * {@link #maxClientTimeout}; defaults to 1 s.
     */
    public Builder timeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("Timeout must be at least 1 ms: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The longest per-packet timeout a client may ask for (RFC 2349), 1 to 255 s in whole seconds;
     * defaults to 5 s. A request for longer gets no timeout option in its OACK (the RFC has the
     * server echo the value exactly or leave it out) and runs with {@linkplain #timeout the
     * server's own}: a client's timeout times the retries is how long one datagram, perhaps
     * spoofed, keeps a transfer and what it holds.
     */
    public Builder maxClientTimeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0
          || timeout.compareTo(Duration.ofSeconds(Options.MAX_TIMEOUT_SECONDS)) > 0) {
        throw new IllegalArgumentException("Maximum client timeout must be 1 to 255 s: " + timeout);
      }
      this.maxClientTimeout = timeout;
      return this;
    }

    /** How often to send a packet again before a transfer fails, 0 to 100; defaults to 5. */
    public Builder retries(int retries) {
      this.retries = Options.requireRetries(retries);
      return this;
    }

    /**
     * How long a wait for a client's next ACK (or DATA, on an upload) may poll the socket before it
     * sleeps, 0 (never) to 1 ms; defaults to 100 us. Only clients whose answers have come within
     * this on average are polled for, by at most half the processors' threads at once: it saves a
     * wake-up per block on a fast LAN at the cost of CPU while it polls.
     */
    public Builder answerPoll(Duration limit) {
      this.answerPoll = AnswerPoll.requireLimit(limit);
      return this;
    }

    /**
     * How often to send a transfer's first packet (an OACK, the first DATA, or ACK 0) again to a
     * client that has not answered at all, 0 to 100, never more than {@linkplain #retries the
     * retries}; defaults to 2. A request is one datagram whose source anyone can forge: this bounds
     * what its victim receives to this many datagrams plus one.
     */
    public Builder unansweredRetries(int retries) {
      this.unansweredRetries = Options.requireRetries(retries);
      return this;
    }

    /**
     * Runs transfers on {@code executor}, such as {@code
     * Executors.newVirtualThreadPerTaskExecutor()} on Java 21 and later; each transfer blocks its
     * thread. The server does not shut it down. Defaults to a pool of daemon threads that the
     * server owns.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor);
      return this;
    }

    /**
     * How many transfers run at once; further requests are refused with ERROR 0. Defaults to 256.
     */
    public Builder maxTransfers(int transfers) {
      if (transfers < 1) {
        throw new IllegalArgumentException("Maximum transfers must be at least 1: " + transfers);
      }
      this.maxTransfers = transfers;
      return this;
    }

    /**
     * How many transfers run at once for one client address, whatever its ports; further requests
     * from it are refused with ERROR 0 ({@code busy:}). Defaults to 8: a gateway runs one transfer
     * to a device at a time, and a set-top box fetches a few files.
     */
    public Builder maxTransfersPerClient(int transfers) {
      if (transfers < 1) {
        throw new IllegalArgumentException(
            "Maximum transfers per client must be at least 1: " + transfers);
      }
      this.maxTransfersPerClient = transfers;
      return this;
    }

    /**
     * Binds the address and starts serving.
     *
     * @throws IOException if the root is not a directory or the address cannot be bound
     */
    public TftpServer start() throws IOException {
      ServedFiles served = files != null ? files : new DirectoryFiles(root, writable, maxFileSize);
      return new TftpServer(this, served);
    }
  }
}
