package io.patchbay.transport.http;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Adds credentials to a request, just before it is sent (again at each redirect hop), so tokens
 * that expire can be refreshed by the supplier. The transport calls it only for requests to the
 * origins the credentials belong to: the head end's ({@link HttpTransportConfig#authenticator()})
 * or the device's ({@link HttpTransportConfig#deviceAuthenticator()}). Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface RequestAuthenticator {

  /** Adds nothing. */
  RequestAuthenticator NONE = request -> {};

  /** Adds credentials to {@code request}. */
  void authenticate(HttpRequest.Builder request);

  /** {@code Authorization: Bearer <token>}, asking {@code token} for every request. */
  static RequestAuthenticator bearer(Supplier<String> token) {
    Objects.requireNonNull(token);
    return request -> request.setHeader("Authorization", "Bearer " + token.get());
  }

  /** {@code Authorization: Basic ...} (RFC 7617), in UTF-8. Use it over HTTPS only. */
  static RequestAuthenticator basic(String user, String password) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return request -> request.setHeader("Authorization", "Basic " + credentials);
  }

  /** A header of the operator's own, such as an API key, asking {@code value} for every request. */
  static RequestAuthenticator header(String name, Supplier<String> value) {
    Objects.requireNonNull(name);
    Objects.requireNonNull(value);
    return request -> request.setHeader(name, value.get());
  }
}
