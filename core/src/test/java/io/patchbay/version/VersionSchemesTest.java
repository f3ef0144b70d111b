package io.patchbay.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionSchemesTest {

  @Test
  void defaultsOfferTheThreeBuiltInSchemes() {
    assertThat(VersionSchemes.defaults().names()).containsExactly("semver", "debian", "natural");
    assertThat(VersionSchemes.defaults().get("debian").scheme()).isEqualTo("debian");
  }

  @Test
  void unknownSchemeIsATypedErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> VersionSchemes.defaults().get("calver"))
        .isInstanceOfSatisfying(UnknownVersionSchemeException.class, e -> {
          assertThat(e.scheme()).isEqualTo("calver");
          assertThat(e.known()).containsExactlyInAnyOrder("semver", "debian", "natural");
        });
  }

  @Test
  void aCustomSchemeCanBeAddedOrReplaceABuiltInOne() {
    VersionComparator byLength = new VersionComparator() {
      @Override
      public String scheme() {
        return "semver";
      }

      @Override
      public int compare(String a, String b) {
        return Integer.compare(a.length(), b.length());
      }

      @Override
      public void validate(String version) {}
    };

    VersionSchemes schemes = VersionSchemes.defaults().with(byLength);

    assertThat(schemes.get("semver")).isSameAs(byLength);
    assertThat(VersionSchemes.defaults().get("semver")).isNotSameAs(byLength);
  }
}
