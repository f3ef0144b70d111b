package io.patchbay.transport.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A response body read as an {@link InputStream}, like {@code BodySubscribers.ofInputStream()}, but
 * letting the client read ahead of the reader up to a bound of bytes.
 *
 * <p>Why: the JDK's stream asks for one buffer list (about 16 KiB) at a time, and only once the
 * reader took the last one, so every 16 KiB of a download hands over between the client's thread
 * and the reader's: on a loaded 2-core machine a 256 MiB artifact arrived about 2x slower than with
 * {@code BodyHandlers.ofFile} (BENCHMARKS.md, "HTTP data path"). Here the client keeps reading
 * while less than the bound is buffered and resumes once the reader has taken half of it, so the
 * two threads meet once per half a bound at most. Memory stays bounded: at most {@code maxBuffered}
 * bytes plus one list the client delivers.
 *
 * <p>{@link InputStream#close()} may come from another thread (the stall guard, an abort): it wakes
 * a blocked read, which then fails, and cancels the exchange. An interrupt of a blocked read fails
 * it with an {@link InterruptedIOException}, the interrupt status kept. One reader at a time.
 */
final class ReadAheadBody implements HttpResponse.BodySubscriber<InputStream> {

  private final long maxBuffered;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Stream stream = new Stream();

  // Guarded by lock.
  private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
  private long buffered;
  private boolean requested;
  private boolean complete;
  private Throwable failure;
  private boolean closed;
  private Flow.Subscription subscription;

  /**
   * A body that buffers up to {@code maxBuffered} bytes ahead of its reader.
   *
   * @throws IllegalArgumentException if {@code maxBuffered} is not positive
   */
  ReadAheadBody(long maxBuffered) {
    if (maxBuffered < 1) {
      throw new IllegalArgumentException("Read-ahead must be positive: " + maxBuffered);
    }
    this.maxBuffered = maxBuffered;
  }

  @Override
  public CompletionStage<InputStream> getBody() {
    // Like ofInputStream: the response is ready once its headers are, the body streams after.
    return CompletableFuture.completedStage(stream);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    Objects.requireNonNull(subscription);
    boolean cancel;
    lock.lock();
    try {
      cancel = closed || this.subscription != null;
      if (!cancel) {
        this.subscription = subscription;
        requested = true;
      }
    } finally {
      lock.unlock();
    }
    if (cancel) {
      subscription.cancel();
    } else {
      subscription.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    boolean more;
    lock.lock();
    try {
      requested = false;
      if (closed) {
        return;
      }
      for (ByteBuffer item : items) {
        if (item.hasRemaining()) {
          buffers.add(item);
          buffered += item.remaining();
        }
      }
      more = buffered < maxBuffered;
      requested = more;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (more) {
      subscription.request(1);
    }
  }

  @Override
  public void onError(Throwable throwable) {
    lock.lock();
    try {
      failure = throwable;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onComplete() {
    lock.lock();
    try {
      complete = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The reader's side. */
  private final class Stream extends InputStream {

    @Override
    public int read() throws IOException {
      return OneByte.read(this);
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, target.length);
      if (length == 0) {
        return 0;
      }
      int copied = 0;
      boolean request = false;
      lock.lock();
      try {
        while (buffers.isEmpty() && !complete && failure == null && !closed) {
          try {
            changed.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading a response body");
          }
        }
        if (closed) {
          throw new IOException("closed");
        }
        while (copied < length && !buffers.isEmpty()) {
          ByteBuffer first = buffers.peek();
          int n = Math.min(length - copied, first.remaining());
          first.get(target, offset + copied, n);
          copied += n;
          if (!first.hasRemaining()) {
            buffers.poll();
          }
        }
        buffered -= copied;
        if (copied == 0) {
          // Nothing left: the body ended, or failed.
          if (failure instanceof IOException io) {
            throw io;
          }
          if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
          }
          return -1;
        }
        if (!requested && !complete && failure == null && buffered <= maxBuffered / 2) {
          requested = true;
          request = true;
        }
      } finally {
        lock.unlock();
      }
      // Outside the lock: the client may deliver the next list on this very thread.
      if (request) {
        subscription.request(1);
      }
      return copied;
    }

    @Override
    public int available() {
      lock.lock();
      try {
        return (int) Math.min(Integer.MAX_VALUE, buffered);
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      Flow.Subscription cancel;
      lock.lock();
      try {
        if (closed) {
          return;
        }
        closed = true;
        buffers.clear();
        buffered = 0;
        cancel = complete ? null : subscription;
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (cancel != null) {
        cancel.cancel();
      }
    }
  }
}
