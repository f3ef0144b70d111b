package io.patchbay.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadAheadConfigTest {

  @Test
  void readAheadIsOneMebibyteUnlessConfigured() {
    assertThat(HttpTransportConfig.defaults().readAheadBytes()).isEqualTo(1024 * 1024);
    assertThat(HttpTransportConfig.builder().readAheadBytes(4096).build().readAheadBytes())
        .isEqualTo(4096);
  }

  @Test
  void readAheadMustBePositive() {
    assertThatThrownBy(() -> HttpTransportConfig.builder().readAheadBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
  }
}
