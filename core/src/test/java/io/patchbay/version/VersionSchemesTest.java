package io.patchbay.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionSchemesTest {

  @Test
  void defaultsOfferTheThreeBuiltInSchemes() {
    assertThat(VersionSchemes.defaults().names()).containsExactly("semver", "debian", "natural");
  }

  @ParameterizedTest
  @ValueSource(strings = {"semver", "debian", "natural"})
  void getFindsEachBuiltInSchemeByItsName(String scheme) {
    assertThat(VersionSchemes.defaults().get(scheme).scheme()).isEqualTo(scheme);
  }

  @Test
  void theDefaultSchemeIsBuiltIn() {
    assertThat(VersionSchemes.defaults().get(VersionSchemes.DEFAULT_SCHEME))
        .isSameAs(VersionComparator.semver());
  }

  @Test
  void unknownSchemeIsATypedErrorListingTheKnownOnes() {
    assertThatThrownBy(() -> VersionSchemes.defaults().get("calver"))
        .isInstanceOfSatisfying(
            UnknownVersionSchemeException.class,
            e -> {
              assertThat(e.scheme()).isEqualTo("calver");
              assertThat(e.known()).containsExactlyInAnyOrder("semver", "debian", "natural");
              assertThat(e)
                  .hasMessage(
                      "Unknown version scheme \"calver\"; known schemes: [debian, natural, semver]");
            });
  }

  @Test
  void schemeNamesAreCaseSensitive() {
    assertThatThrownBy(() -> VersionSchemes.defaults().get("SemVer"))
        .isInstanceOf(UnknownVersionSchemeException.class);
  }

  @Test
  void aCustomSchemeCanBeAddedOrReplaceABuiltInOne() {
    VersionComparator byLength =
        new VersionComparator() {
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
