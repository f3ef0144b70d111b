package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadAheadBodyTest {

  private static final int KIB = 1024;

  @Test
  void aBodyLargerThanTheReadAheadArrivesWholeOverALoopbackSocket() throws Exception {
    byte[] content = new byte[8 * 1024 * KIB];
    new Random(7).nextBytes(content);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, content.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(content);
          }
        });
    server.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      HttpResponse<InputStream> response =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(uri).build(), headers -> new ReadAheadBody(64 * KIB));

      try (InputStream body = response.body()) {
        assertThat(body.readAllBytes()).isEqualTo(content);
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void asksForMoreOnlyWhileLessThanTheBoundIsBufferedAndAgainOnceHalfOfItIsRead()
      throws IOException {
    FakeSubscription subscription = new FakeSubscription();
    ReadAheadBody subscriber = new ReadAheadBody(64 * KIB);
    subscriber.onSubscribe(subscription);
    InputStream body = body(subscriber);
    assertThat(subscription.requested.get()).isEqualTo(1);

    subscriber.onNext(List.of(bytes(40 * KIB)));
    assertThat(subscription.requested.get()).as("40 KiB of 64 buffered").isEqualTo(2);
    subscriber.onNext(List.of(bytes(40 * KIB)));
    assertThat(subscription.requested.get()).as("80 KiB buffered: over the bound").isEqualTo(2);

    body.readNBytes(30 * KIB);
    assertThat(subscription.requested.get()).as("50 KiB left, more than half").isEqualTo(2);
    body.readNBytes(20 * KIB);
    assertThat(subscription.requested.get()).as("30 KiB left, at most half").isEqualTo(3);
    assertThat(body.available()).isEqualTo(30 * KIB);
  }

  @Test
  void theBytesBeforeAFailureAreReadThenTheFailure() throws IOException {
    ReadAheadBody subscriber = new ReadAheadBody(64 * KIB);
    subscriber.onSubscribe(new FakeSubscription());
    subscriber.onNext(List.of(bytes(10)));
    IOException reset = new IOException("connection reset");
    subscriber.onError(reset);
    InputStream body = body(subscriber);

    assertThat(body.readNBytes(10)).hasSize(10);
    assertThatThrownBy(body::read).as("the client's own error").isSameAs(reset);
  }

  @Test
  void theBodyEndsAfterItsLastByteOnceComplete() throws IOException {
    ReadAheadBody subscriber = new ReadAheadBody(64 * KIB);
    subscriber.onSubscribe(new FakeSubscription());
    subscriber.onNext(List.of(bytes(3), ByteBuffer.allocate(0), bytes(2)));
    subscriber.onComplete();

    assertThat(body(subscriber).readAllBytes()).hasSize(5);
  }

  @Test
  void closingFromAnotherThreadWakesABlockedReadAndCancelsTheExchange() throws Exception {
    FakeSubscription subscription = new FakeSubscription();
    ReadAheadBody subscriber = new ReadAheadBody(64 * KIB);
    subscriber.onSubscribe(subscription);
    InputStream body = body(subscriber);
    CompletableFuture<Throwable> reader = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                body.read();
                reader.complete(null);
              } catch (Throwable e) {
                reader.complete(e);
              }
            });
    thread.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);

    body.close();

    assertThat(reader.get()).isInstanceOf(IOException.class).hasMessage("closed");
    assertThat(subscription.cancelled).isTrue();
  }

  @Test
  void anInterruptFailsABlockedReadAndKeepsTheInterruptStatus() throws Exception {
    ReadAheadBody subscriber = new ReadAheadBody(64 * KIB);
    subscriber.onSubscribe(new FakeSubscription());
    InputStream body = body(subscriber);
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread thread =
        new Thread(
            () -> {
              try {
                body.read();
                failure.complete(null);
              } catch (Throwable e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                failure.complete(e);
              }
            });
    thread.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == Thread.State.WAITING);

    thread.interrupt();

    assertThat(failure.get()).isInstanceOf(InterruptedIOException.class);
    assertThat(stillInterrupted).isTrue();
  }

  @Test
  void aSubscriptionAfterCloseIsCancelled() throws IOException {
    ReadAheadBody subscriber = new ReadAheadBody(64 * KIB);
    body(subscriber).close();
    FakeSubscription subscription = new FakeSubscription();

    subscriber.onSubscribe(subscription);

    assertThat(subscription.cancelled).isTrue();
    assertThat(subscription.requested.get()).isZero();
  }

  @Test
  void refusesABoundThatIsNotPositive() {
    assertThatThrownBy(() -> new ReadAheadBody(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static InputStream body(ReadAheadBody subscriber) {
    return subscriber.getBody().toCompletableFuture().join();
  }

  private static ByteBuffer bytes(int n) {
    return ByteBuffer.wrap(new byte[n]);
  }

  private static final class FakeSubscription implements Flow.Subscription {
    final AtomicInteger requested = new AtomicInteger();
    volatile boolean cancelled;

    @Override
    public void request(long n) {
      requested.addAndGet((int) n);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
