package io.patchbay.transport.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProblemTest {

  private static Problem parse(String json) throws IOException {
    return Problem.parse(json.getBytes(UTF_8), 409);
  }

  @Test
  void aProblemReadsBackAsWritten() throws IOException {
    Problem busy =
        new Problem(Problem.BUSY, "Busy", 409, "a transfer of bin/player is in progress");

    assertThat(Problem.parse(busy.toBytes(), 409)).isEqualTo(busy);
  }

  @Test
  void membersOfTheWrongTypeAreIgnoredAsIfAbsent() throws IOException {
    // RFC 9457 section 3.1.
    assertThat(parse("{\"type\":7,\"title\":\"Busy\",\"detail\":{\"why\":\"x\"},\"instance\":[1]}"))
        .isEqualTo(new Problem("about:blank", "Busy", 409, null));
  }

  @Test
  void aBodyThatIsNotAProblemDocumentIsNone() throws IOException {
    assertThat(parse("<html>busy</html>")).isNull();
    assertThat(parse("[\"busy\"]")).isNull();
    assertThat(parse("{\"title\":\"Bu")).isNull();
  }
}
