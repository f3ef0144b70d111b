package io.patchbay.transport.tftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

  private static Map<String, String> read(String json) {
    return FlatJson.read(json.getBytes(UTF_8));
  }

  @Test
  void membersReadBackAsWrittenWithIntegersAsDecimalText() {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("protocol", "patchbay-tftp/1");
    members.put("size", 123L);

    byte[] json = FlatJson.write(members);

    assertThat(new String(json, UTF_8))
        .isEqualTo("{\"protocol\":\"patchbay-tftp/1\",\"size\":123}");
    assertThat(FlatJson.read(json))
        .containsExactly(Map.entry("protocol", "patchbay-tftp/1"), Map.entry("size", "123"));
  }

  @Test
  void anythingButOneFlatObjectOfDistinctStringsAndIntegersIsRejected() {
    assertThatThrownBy(() -> read("{\"a\":{\"b\":1}}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> read("{\"a\":true}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a: expected a string or an integer, found a boolean");
    assertThatThrownBy(() -> read("{\"a\":\"1\",\"a\":\"2\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("appears more than once");
    assertThatThrownBy(() -> read("{} {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unexpected content after the document");
    assertThatThrownBy(() -> read("[]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> read("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDocumentOverTheLimitIsRejected() {
    String tooLong = "{\"a\":\"" + "x".repeat(FlatJson.MAX_BYTES) + "\"}";

    assertThatThrownBy(() -> read(tooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longer than " + FlatJson.MAX_BYTES + " bytes");
  }
}
