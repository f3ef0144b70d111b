package io.patchbay.transport.http;

import io.patchbay.catalog.OriginNotAllowedException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Whom the requests of one head end or one device may reach, and which of them receive its
 * credentials. {@link Exchanges} checks every request and every redirect hop against it before
 * connecting, and adds the credentials per hop, so they never follow a redirect to another origin.
 *
 * <p>A head end's credentials go to the catalog's origin and the operator's {@link
 * HttpTransportConfig#headEndOrigins()}; its requests may also reach {@link
 * HttpTransportConfig#artifactOrigins()}, without credentials. A device's credentials go to its own
 * origin, the only one its requests may reach. Immutable.
 */
final class Scope {

  private final RequestAuthenticator credentials;
  private final Set<Origin> credentialed;
  private final Set<Origin> allowed;

  private Scope(RequestAuthenticator credentials, Set<Origin> credentialed, Set<Origin> allowed) {
    this.credentials = credentials;
    this.credentialed = credentialed;
    this.allowed = allowed;
  }

  /** The scope of the head end serving {@code catalogUri}. */
  static Scope headEnd(HttpTransportConfig config, URI catalogUri) {
    Set<Origin> credentialed = new LinkedHashSet<>();
    credentialed.add(Origin.of(catalogUri));
    credentialed.addAll(config.headEndOriginSet());
    Set<Origin> allowed = new LinkedHashSet<>(credentialed);
    allowed.addAll(config.artifactOriginSet());
    return new Scope(config.authenticator(), credentialed, allowed);
  }

  /** The scope of the device at {@code endpoint}. */
  static Scope device(HttpTransportConfig config, URI endpoint) {
    Set<Origin> device = new LinkedHashSet<>(List.of(Origin.of(endpoint)));
    return new Scope(config.deviceAuthenticator(), device, device);
  }

  /**
   * Requires {@code uri} to be on an allowed origin.
   *
   * @param what what {@code uri} is, for the message, such as "artifact location"
   * @throws OriginNotAllowedException if it is not
   */
  void requireAllowed(URI uri, String what) {
    if (allowed.stream().noneMatch(origin -> origin.contains(uri))) {
      throw new OriginNotAllowedException(uri, allowed.stream().map(Origin::toUri).toList(), what);
    }
  }

  /** {@code request} with the credentials if its URI is on a credentialed origin. */
  HttpRequest authenticated(HttpRequest request) {
    if (credentials == RequestAuthenticator.NONE
        || credentialed.stream().noneMatch(origin -> origin.contains(request.uri()))) {
      return request;
    }
    HttpRequest.Builder copy = HttpRequest.newBuilder(request, (name, value) -> true);
    credentials.authenticate(copy);
    return copy.build();
  }
}
