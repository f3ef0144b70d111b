package io.patchbay.spi;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.transfer.Transferer;
import java.net.URI;
import java.util.Set;

/**
 * A transport module's entry point, found through {@link java.util.ServiceLoader} by URI scheme,
 * the way JDBC finds drivers: putting a transport's jar on the class path adds its schemes.
 *
 * <p>A module registers its implementation in {@code
 * META-INF/services/io.patchbay.spi.TransportProvider}; it needs a public no-argument constructor.
 * Implementations and what they return are thread-safe.
 */
public interface TransportProvider {

  /** The URI schemes this transport serves, lower case, such as {@code http} and {@code https}. */
  Set<String> schemes();

  /** Interrogates clients whose endpoint has one of {@link #schemes()}. */
  ClientInterrogator interrogator();

  /** Transfers to clients whose endpoint has one of {@link #schemes()}. */
  Transferer transferer();

  /** The head end whose catalog is at {@code catalogUri}; artifact locations resolve against it. */
  CentralCatalog catalog(URI catalogUri);
}
