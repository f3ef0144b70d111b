package io.patchbay.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.Client;
import io.patchbay.model.Manifest;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TransportsTest {

  @Test
  void loadsProvidersRegisteredWithServiceLoader() {
    Transports transports = Transports.load(getClass().getClassLoader());

    assertThat(transports.schemes()).contains("loopback-test");
    assertThat(transports.forScheme("LOOPBACK-TEST")).isInstanceOf(LoopbackTestTransport.class);
  }

  @Test
  void routesEachClientToTheTransportOfItsScheme() throws Exception {
    Transports transports = Transports.of(new LoopbackTestTransport());

    Manifest manifest =
        transports.interrogator().interrogate(Client.of("c1", "loopback-test://c1"));

    assertThat(manifest.find("id/c1")).isPresent();
  }

  @Test
  void unknownSchemeIsATypedErrorListingTheKnownOnes() {
    Transports transports = Transports.of(new LoopbackTestTransport());

    assertThatThrownBy(() -> transports.catalog(URI.create("ftp://head-end/catalog.json")))
        .isInstanceOfSatisfying(
            UnknownTransportException.class,
            e -> {
              assertThat(e.scheme()).isEqualTo("ftp");
              assertThat(e.known()).containsExactly("loopback-test");
            })
        .hasMessageContaining("known schemes: [loopback-test]");
  }

  @Test
  void twoProvidersClaimingOneSchemeIsAConfigurationError() {
    assertThatThrownBy(
            () -> Transports.of(new LoopbackTestTransport(), new LoopbackTestTransport()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loopback-test");
  }
}
