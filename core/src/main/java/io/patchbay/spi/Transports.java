package io.patchbay.spi;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.model.Client;
import io.patchbay.transfer.Transferer;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The transports available to a gateway, by URI scheme, and the routing that sends each client to
 * the transport its endpoint names.
 *
 * <p>Immutable and thread-safe.
 */
public final class Transports {

  private final Map<String, TransportProvider> byScheme;

  private Transports(Map<String, TransportProvider> byScheme) {
    this.byScheme = Collections.unmodifiableMap(byScheme);
  }

  /**
   * Loads every {@link TransportProvider} on the thread's context class path.
   *
   * @throws IllegalStateException if two providers claim the same scheme
   */
  public static Transports load() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  /**
   * Loads every {@link TransportProvider} visible to {@code loader}.
   *
   * @throws IllegalStateException if two providers claim the same scheme
   */
  public static Transports load(ClassLoader loader) {
    return of(
        ServiceLoader.load(TransportProvider.class, loader).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /**
   * Uses exactly these providers, without looking at the class path.
   *
   * @throws IllegalStateException if two providers claim the same scheme
   */
  public static Transports of(List<TransportProvider> providers) {
    Map<String, TransportProvider> byScheme = new LinkedHashMap<>();
    for (TransportProvider provider : providers) {
      for (String scheme : provider.schemes()) {
        TransportProvider previous =
            byScheme.putIfAbsent(scheme.toLowerCase(Locale.ROOT), provider);
        if (previous != null) {
          throw new IllegalStateException(
              "Scheme "
                  + scheme
                  + " is claimed by both "
                  + previous.getClass().getName()
                  + " and "
                  + provider.getClass().getName());
        }
      }
    }
    return new Transports(byScheme);
  }

  /** Uses exactly these providers; see {@link #of(List)}. */
  public static Transports of(TransportProvider... providers) {
    return of(List.of(providers));
  }

  /** The schemes served, in loading order. */
  public Set<String> schemes() {
    return byScheme.keySet();
  }

  /**
   * The provider for {@code scheme}, case-insensitively.
   *
   * @throws UnknownTransportException listing the known schemes if none serves it
   */
  public TransportProvider forScheme(String scheme) {
    TransportProvider provider =
        scheme == null ? null : byScheme.get(scheme.toLowerCase(Locale.ROOT));
    if (provider == null) {
      throw new UnknownTransportException(scheme, byScheme.keySet());
    }
    return provider;
  }

  /** The head end whose catalog is at {@code catalogUri}, through the transport of its scheme. */
  public CentralCatalog catalog(URI catalogUri) {
    return forScheme(catalogUri.getScheme()).catalog(catalogUri);
  }

  /**
   * Interrogates each client through the transport of its endpoint's scheme; an unknown scheme
   * fails that client with {@link UnknownTransportException}.
   */
  public ClientInterrogator interrogator() {
    return client -> forClient(client).interrogator().interrogate(client);
  }

  /**
   * Transfers to each client through the transport of its endpoint's scheme; an unknown scheme
   * fails that client with {@link UnknownTransportException}.
   */
  public Transferer transferer() {
    return (client, artifact, progress) ->
        forClient(client).transferer().transfer(client, artifact, progress);
  }

  private TransportProvider forClient(Client client) {
    return forScheme(client.endpoint().getScheme());
  }
}
