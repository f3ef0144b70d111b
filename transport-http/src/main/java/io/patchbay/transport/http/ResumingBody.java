package io.patchbay.transport.http;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.internal.Untrusted;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An artifact's body that survives dropped connections: when a read fails, it asks again for the
 * rest with {@code Range: bytes=N-}, guarded by {@code If-Range} so that a changed artifact is
 * never spliced onto the bytes already read (RFC 9110, sections 14.2 and 13.1.5).
 *
 * <p>A {@code 206} continues the stream. A {@code 200} means the server ignored the range or the
 * validator changed: with the same validator the first N bytes are skipped; with another, {@link
 * ArtifactChangedException}. Without a strong validator resuming is unsafe, so a failure is final.
 * Every byte of every response body counts as {@linkplain #received() received}, skipped ones
 * included. Not thread-safe, like any stream.
 */
final class ResumingBody extends ArtifactStream {

  private static final Logger LOG = LoggerFactory.getLogger(ResumingBody.class);

  private final Exchanges exchanges;
  private final Scope scope;
  private final URI uri;
  private final Validator validator;
  private InputStream current;
  private long position;
  private long received;
  private int resumes;

  private ResumingBody(
      Exchanges exchanges, Scope scope, URI uri, HttpResponse<InputStream> first, long start)
      throws IOException {
    super(start);
    this.exchanges = exchanges;
    this.scope = scope;
    this.uri = uri;
    this.validator = Validator.of(first.headers());
    this.position = start;
    this.current = continuation(first);
  }

  /**
   * Opens {@code uri} from {@code from} on (a range request unless its offset is 0, with {@code
   * If-Range} if it has a validator), retrying the first request by the transport's policy. The
   * body starts at the offset if the server answers {@code 206}, else at 0: it ignored the range,
   * the validator no longer matches, or it has fewer bytes than the offset ({@code 416}, asked
   * again for the whole). Every request, and every redirect, stays within {@code scope}.
   */
  static ResumingBody open(Exchanges exchanges, Scope scope, URI uri, ResumePoint from)
      throws IOException {
    HttpResponse<InputStream> first =
        exchanges.withRetries(
            "GET " + uri,
            () -> {
              HttpRequest.Builder request = get(exchanges, uri);
              if (from.offset() > 0) {
                request.header("Range", "bytes=" + from.offset() + "-");
                if (from.validator() != null) {
                  request.header("If-Range", from.validator());
                }
              }
              HttpResponse<InputStream> response = exchanges.send(request.build(), scope);
              return isUnsatisfiable(response, from)
                  ? response
                  : Exchanges.requireSuccess(response);
            });
    if (isUnsatisfiable(first, from)) {
      LOG.debug("{} has no more than the {} bytes held; asking for all of it", uri, from.offset());
      exchanges.discard(first);
      return open(exchanges, scope, uri, ResumePoint.START);
    }
    return new ResumingBody(
        exchanges, scope, uri, first, first.statusCode() == 206 ? from.offset() : 0);
  }

  /** {@code 416 Range Not Satisfiable} to a range request (RFC 9110, section 15.5.17). */
  private static boolean isUnsatisfiable(HttpResponse<InputStream> response, ResumePoint from) {
    return response.statusCode() == 416 && from.offset() > 0;
  }

  @Override
  public int read() throws IOException {
    return OneByte.read(this);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    while (true) {
      try {
        int n = current.read(buffer, offset, length);
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (InterruptedIOException | BelowMinimumRateException e) {
        // Cancelled, or a server too slow to be worth asking again.
        throw e;
      } catch (IOException e) {
        if (validator == null || resumes + 1 >= exchanges.config().retry().maxAttempts()) {
          throw e;
        }
        resumes++;
        LOG.debug(
            "Download of {} broke off after {} bytes, resuming ({}): {}",
            uri,
            position,
            resumes,
            e.toString());
        current.close();
        current = resume();
      }
    }
  }

  @Override
  public void close() throws IOException {
    current.close();
  }

  @Override
  public String validator() {
    return validator == null ? null : validator.value;
  }

  @Override
  public long received() {
    return received;
  }

  private InputStream resume() throws IOException {
    HttpResponse<InputStream> response =
        exchanges.withRetries(
            "GET " + uri + " from byte " + position,
            () -> {
              HttpRequest request =
                  get(exchanges, uri)
                      .header("Range", "bytes=" + position + "-")
                      .header("If-Range", validator.value)
                      .build();
              return Exchanges.requireSuccess(exchanges.send(request, scope));
            });
    Validator now = Validator.of(response.headers());
    if (response.statusCode() != 206 && !validator.equals(now)) {
      exchanges.discard(response);
      throw new ArtifactChangedException(uri, validator.value, now == null ? null : now.value);
    }
    return continuation(response);
  }

  /**
   * The body of a response to a request for the bytes from {@link #position} on: a {@code 206} must
   * start there; a {@code 200} is the whole artifact, so what we already have is skipped.
   */
  private InputStream continuation(HttpResponse<InputStream> response) throws IOException {
    if (response.statusCode() == 206) {
      long start = rangeStart(response.headers());
      if (start != position) {
        exchanges.discard(response);
        throw new IOException(
            "Asked " + uri + " for bytes from " + position + ", got a range from " + start);
      }
      return counted(response);
    }
    InputStream body = counted(response);
    if (position > 0) {
      LOG.debug("Server sent all of {}; skipping the {} bytes already read", uri, position);
      body.skipNBytes(position);
    }
    return body;
  }

  /** The response's body (which {@link Exchanges} guards), counted as it is read. */
  private InputStream counted(HttpResponse<InputStream> response) {
    return new Counted(response.body());
  }

  private static HttpRequest.Builder get(Exchanges exchanges, URI uri) {
    return exchanges.request(uri).timeout(exchanges.config().responseTimeout()).GET();
  }

  /** The first byte position of a {@code Content-Range: bytes first-last/length} header. */
  private static long rangeStart(HttpHeaders headers) throws IOException {
    String range = headers.firstValue("Content-Range").orElse("");
    int dash = range.indexOf('-');
    if (!range.startsWith("bytes ") || dash < 0) {
      throw new IOException("Malformed Content-Range: " + Untrusted.quote(range));
    }
    try {
      return Long.parseLong(range.substring(6, dash).trim());
    } catch (NumberFormatException e) {
      throw new IOException("Malformed Content-Range: " + Untrusted.quote(range), e);
    }
  }

  /**
   * A response body that adds what is read from it to {@link #received}. Skipping is {@link
   * InputStream}'s, which reads: skipped bytes are counted, and the read timeout sees them arrive.
   */
  private final class Counted extends InputStream {
    private final InputStream body;

    Counted(InputStream body) {
      this.body = body;
    }

    @Override
    public int read() throws IOException {
      int b = body.read();
      if (b >= 0) {
        received++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = body.read(buffer, offset, length);
      if (n > 0) {
        received += n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  /**
   * What identifies one version of the artifact: a strong {@code ETag}, else {@code Last-Modified}.
   * A weak ETag cannot guard a range request (RFC 9110, section 13.1.5).
   */
  private record Validator(String header, String value) {
    static Validator of(HttpHeaders headers) {
      Optional<String> etag = headers.firstValue("ETag").filter(tag -> !tag.startsWith("W/"));
      if (etag.isPresent()) {
        return new Validator("ETag", etag.get());
      }
      return headers
          .firstValue("Last-Modified")
          .map(date -> new Validator("Last-Modified", date))
          .orElse(null);
    }
  }
}
