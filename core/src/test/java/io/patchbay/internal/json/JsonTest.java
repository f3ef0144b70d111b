package io.patchbay.internal.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;

class JsonTest {

  /** A stream that remembers whether it was closed. */
  static final class Recording extends ByteArrayOutputStream {
    boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void aGeneratorLeavesItsStreamToTheCaller() throws IOException {
    Recording out = new Recording();

    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeEndObject();
    }

    assertThat(out.closed).isFalse();
    assertThat(out.toString(UTF_8)).isEqualTo("{}");
  }

  @Test
  void aDocumentLeftOpenIsNotCompletedWhenItsGeneratorCloses() throws IOException {
    Writer out = new StringWriter();

    try (JsonGenerator json = Json.generator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("files");
      json.writeString("a");
      // As if the next entry failed to write: the truncated document must not read as a whole one.
    }

    assertThat(out.toString()).isEqualTo("{\"files\":[\"a\"");
  }
}
