package io.patchbay.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientRetriesTest {

  @Test
  void backoffDoublesUpToItsLimit() {
    ClientRetries retries = new ClientRetries(6, Duration.ofSeconds(10), Duration.ofSeconds(45));

    assertThat(IntStream.rangeClosed(1, 4).mapToObj(retries::backoffAfter))
        .containsExactly(
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            Duration.ofSeconds(40),
            Duration.ofSeconds(45));
  }
}
