package io.patchbay.transport.mender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.model.Client;
import io.patchbay.spi.Transports;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** How the transport is found, configured and refused. */
class MenderTransportTest {

  private static final InetSocketAddress ANY_PORT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  @Test
  void serviceLoaderFindsTheTransportForTheMenderScheme() {
    assertThat(Transports.load().forScheme("mender")).isInstanceOf(MenderTransport.class);
  }

  @Test
  void theServiceLoadersInstanceServesNothingAndSaysWhatToConfigure() {
    MenderTransport unconfigured = new MenderTransport();

    assertThatThrownBy(
            () -> unconfigured.interrogator().interrogate(Client.of("stb-7", "mender://stb-7")))
        .isInstanceOf(MenderConfigurationException.class)
        .hasMessageContaining("--mender-listen");
  }

  @Test
  void catalogsDoNotComeFromTheMenderScheme() {
    assertThatThrownBy(() -> new MenderTransport().catalog(URI.create("mender://x/catalog.json")))
        .isInstanceOf(MenderConfigurationException.class)
        .hasMessageContaining("http");
  }

  @Test
  void anEndpointNamesItsDeviceByItsAuthorityOnly() {
    assertThat(MenderTransport.deviceId(Client.of("a", "mender://02:00:00:00:00:01")))
        .isEqualTo("02:00:00:00:00:01");
    assertThatThrownBy(() -> MenderTransport.deviceId(Client.of("a", "mender://stb-7/path")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mender://DEVICE-ID");
  }

  @Test
  void aConfigurationNeedsAnAdmissionAndPositiveLimits() {
    assertThatThrownBy(() -> MenderTransportConfig.builder(ANY_PORT).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("acceptAll()");
    assertThatThrownBy(() -> MenderTransportConfig.builder(ANY_PORT).maxDevices(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MenderTransportConfig.builder(ANY_PORT).wrapPlainFiles("opt/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absolute");
  }

  @Test
  void providesKeysMapToFileNamesAndOtherKeysToNone() {
    assertThat(Provides.fileName("rootfs-image.epg-app.version")).contains("epg-app");
    assertThat(Provides.fileName("rootfs-image.fw/tuner.bin.version")).contains("fw/tuner.bin");
    assertThat(Provides.fileName("data-partition.maps.version")).contains("data-partition/maps");
    assertThat(Provides.fileName("rootfs-image.version")).contains("rootfs-image");
    assertThat(Provides.fileName("artifact_name")).isEmpty();
    assertThat(Provides.fileName("rootfs-image.epg-app.checksum")).isEmpty();
    assertThat(Provides.fileName(".version")).isEmpty();
  }
}
