package io.patchbay.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Catalog locations: what the character scan passes {@link URI#create} accepts as the same path,
 * and what it does not pass is left to {@link URI#create}, whose verdict is the entry's.
 */
class LocationsTest {

  private static final Sha256 DIGEST = Sha256.parse("0f".repeat(32));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "artifacts/player-2.0.0.bin",
        "/abs/path",
        "../up/one",
        "a;b=c/d,e+f$g&h@i!j~k*l'(m)n_o.p"
      })
  void aPlainPathIsTheUrisPathAndNothingElse(String text) {
    assertThat(Locations.isPlainPath(text)).isTrue();

    URI uri = URI.create(text);
    assertThat(uri.getScheme()).isNull();
    assertThat(uri.getRawAuthority()).isNull();
    assertThat(uri.getRawQuery()).isNull();
    assertThat(uri.getRawFragment()).isNull();
    assertThat(uri.getRawPath()).isEqualTo(text);
    assertThat(entry(text).location()).isEqualTo(uri);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://cdn.example.com/tuner.bin",
        "//cdn.example.com/tuner.bin",
        "a:b",
        "a%20b",
        "a?x=1",
        "a#part",
        "d\u00e9j\u00e0.bin"
      })
  void anyOtherReferenceIsParsedAsAUri(String text) {
    assertThat(Locations.isPlainPath(text)).isFalse();

    assertThat(entry(text).location()).isEqualTo(URI.create(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a%zz", "a\\b", "[x", "a|b", "http://[bad/x"})
  void whatUriRejectsTheEntryRejects(String text) {
    assertThatThrownBy(() -> entry(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.bin", "https://cdn.example.com/a.bin"})
  void anEntryMadeFromTextEqualsOneMadeFromItsUri(String text) {
    CatalogEntry fromUri =
        new CatalogEntry("a", "1.0.0", DIGEST, 1, URI.create(text), null, Targeting.ANY);

    assertThat(entry(text)).isEqualTo(fromUri).hasSameHashCodeAs(fromUri);
    assertThat(entry(text).toString()).isEqualTo(fromUri.toString()).contains("location=" + text);
  }

  private static CatalogEntry entry(String location) {
    return CatalogEntry.of("a", "1.0.0", DIGEST, 1, location, null, null);
  }
}
