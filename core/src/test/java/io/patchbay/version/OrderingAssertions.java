package io.patchbay.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Assertions shared by the scheme tests: order vectors, chains and the laws of a total preorder.
 */
final class OrderingAssertions {

  private OrderingAssertions() {}

  /**
   * {@code a relation b}, where the relation is {@code <}, {@code =} or {@code >}, and its
   * converse.
   */
  static void assertOrder(VersionComparator comparator, String a, String relation, String b) {
    int expected =
        switch (relation) {
          case "<" -> -1;
          case "=" -> 0;
          case ">" -> 1;
          default -> throw new IllegalArgumentException("relation " + relation);
        };
    assertThat(Integer.signum(comparator.compare(a, b)))
        .as("%s %s %s", a, relation, b)
        .isEqualTo(expected);
    assertThat(Integer.signum(comparator.compare(b, a)))
        .as("converse of %s %s %s", a, relation, b)
        .isEqualTo(-expected);
  }

  /** Every element of {@code chain} is older than every later one. */
  static void assertStrictlyAscending(VersionComparator comparator, List<String> chain) {
    for (int i = 0; i < chain.size(); i++) {
      for (int j = i + 1; j < chain.size(); j++) {
        assertOrder(comparator, chain.get(i), "<", chain.get(j));
      }
    }
  }

  /**
   * The comparator is a total preorder on {@code versions}: for every pair, {@code sign(compare(a,
   * b)) == -sign(compare(b, a))}; for every triple, {@code a <= b <= c} implies {@code a <= c},
   * with {@code a == c} exactly when both steps are equal. Compares each pair once, then checks all
   * triples on the table of results.
   */
  static void assertTotalPreorder(VersionComparator comparator, List<String> versions) {
    int n = versions.size();
    int[][] sign = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        sign[i][j] = Integer.signum(comparator.compare(versions.get(i), versions.get(j)));
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (sign[i][j] != -sign[j][i]) {
          fail("not antisymmetric: %s vs %s", versions.get(i), versions.get(j));
        }
        if (sign[i][j] > 0) {
          continue;
        }
        for (int k = 0; k < n; k++) {
          if (sign[j][k] <= 0 && sign[i][k] != (sign[i][j] == 0 && sign[j][k] == 0 ? 0 : -1)) {
            fail(
                "not transitive: %s <= %s <= %s but compare(%1$s, %3$s) = %d",
                versions.get(i), versions.get(j), versions.get(k), sign[i][k]);
          }
        }
      }
    }
  }

  /**
   * {@code count} random strings over {@code alphabet}, at most {@code maxLength} long, that the
   * comparator accepts; the fixed seed keeps failures reproducible.
   */
  static List<String> randomValidVersions(
      VersionComparator comparator, String alphabet, int maxLength, int count, long seed) {
    Random random = new Random(seed);
    List<String> versions = new ArrayList<>();
    while (versions.size() < count) {
      StringBuilder version = new StringBuilder();
      for (int length = 1 + random.nextInt(maxLength); length > 0; length--) {
        version.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        comparator.validate(version.toString());
        versions.add(version.toString());
      } catch (InvalidVersionException rejected) {
        // Random strings are often invalid; the property is only about valid ones.
      }
    }
    return versions;
  }
}
