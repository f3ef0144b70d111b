package io.patchbay.testkit;

import io.patchbay.catalog.CentralCatalog;
import io.patchbay.interrogate.ClientInterrogator;
import io.patchbay.spi.TransportProvider;
import io.patchbay.transfer.Transferer;
import java.net.URI;
import java.util.Set;

/**
 * A {@link TransportProvider} for the {@code fake} scheme that routes to a {@link FakeFleet} and an
 * {@link InMemoryCatalog}, for tests of code that goes through {@link io.patchbay.spi.Transports}.
 * Not registered with {@link java.util.ServiceLoader}: pass it to {@link
 * io.patchbay.spi.Transports#of(TransportProvider...)}.
 */
public final class FakeTransport implements TransportProvider {

  /** The URI scheme this transport serves. */
  public static final String SCHEME = "fake";

  private final FakeFleet fleet;
  private final InMemoryCatalog headEnd;

  /** Routes clients to {@code fleet} and every catalog URI to {@code headEnd}. */
  public FakeTransport(FakeFleet fleet, InMemoryCatalog headEnd) {
    this.fleet = fleet;
    this.headEnd = headEnd;
  }

  @Override
  public Set<String> schemes() {
    return Set.of(SCHEME);
  }

  @Override
  public ClientInterrogator interrogator() {
    return fleet;
  }

  @Override
  public Transferer transferer() {
    return fleet;
  }

  @Override
  public CentralCatalog catalog(URI catalogUri) {
    return headEnd;
  }
}
