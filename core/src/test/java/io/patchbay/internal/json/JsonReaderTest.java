package io.patchbay.internal.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchbay.internal.json.JsonReader.Fields;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  /** The failure every read here makes: the rule broken, where, and why. */
  static final class Broken extends RuntimeException {
    final JsonReader.Kind kind;
    final JsonReader.Position at;

    Broken(JsonReader.Kind kind, JsonReader.Position at, String reason, Throwable cause) {
      super(reason, cause);
      this.kind = kind;
      this.at = at;
    }
  }

  private static String[] names(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "f" + i).toArray(String[]::new);
  }

  /** The fields of {@code json}'s object that {@code fields} knows, in order. */
  private static List<String> read(Fields fields, String json) throws IOException {
    return JsonReader.read(
        new ByteArrayInputStream(json.getBytes(UTF_8)),
        JsonReader.Limits.DEFAULTS,
        Broken::new,
        document -> {
          List<String> read = new ArrayList<>();
          JsonReader.ObjectReader object = document.object(fields);
          for (String field = object.next(); field != null; field = object.next()) {
            read.add(field + "=" + document.string("a string"));
          }
          return read;
        });
  }

  private static String object(String... names) {
    return IntStream.range(0, names.length)
        .mapToObj(i -> "\"" + names[i] + "\":\"" + i + "\"")
        .collect(Collectors.joining(",", "{", "}"));
  }

  @Test
  void fieldsRefuseMoreNamesThanTheyCanTellApart() {
    assertThatThrownBy(() -> Fields.required(names(0, Fields.MAX_FIELDS + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65 fields");
    Fields full = Fields.required(names(0, 40)).optional(names(40, Fields.MAX_FIELDS));
    assertThatThrownBy(() -> full.optional("one-more"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than the 64");
  }

  @Test
  void theLastOfSixtyFourFieldsIsToldApartFromTheFirst() throws IOException {
    Fields fields = Fields.required("f0").optional(names(1, Fields.MAX_FIELDS));

    // An int mask took field 32 for field 0 again, and field 63 for field 31.
    assertThat(read(fields, object("f0", "f31", "f32", "f63")))
        .containsExactly("f0=0", "f31=1", "f32=2", "f63=3");
  }

  @Test
  void aMissingSixtyFourthRequiredFieldIsNamed() {
    String[] all = names(0, Fields.MAX_FIELDS);

    assertThatThrownBy(() -> read(Fields.required(all), object(names(0, Fields.MAX_FIELDS - 1))))
        .isInstanceOfSatisfying(
            Broken.class, e -> assertThat(e.kind).isEqualTo(JsonReader.Kind.MISSING_FIELD))
        .hasMessage("missing required field \"f63\"");
  }

  @Test
  void closedFieldsRejectAnyOtherFieldAtItsName() {
    Fields fields = Fields.required("id").closed();

    assertThatThrownBy(() -> read(fields, "{\"id\":\"a\",\n \"port\":\"7\"}"))
        .isInstanceOfSatisfying(
            Broken.class,
            e -> {
              assertThat(e.kind).isEqualTo(JsonReader.Kind.UNEXPECTED_FIELD);
              assertThat(e.at).isEqualTo(new JsonReader.Position(2, 2, "port"));
            })
        .hasMessage("unexpected field \"port\"");
  }

  @Test
  void openFieldsSkipOthersWithEverythingInThem() throws IOException {
    assertThat(read(Fields.required("id"), "{\"later\":{\"id\":[1]},\"id\":\"a\"}"))
        .containsExactly("id=a");
  }
}
