package io.patchbay.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Checks that a comparator orders a chain strictly and is a consistent total preorder. */
final class OrderingAssertions {

  private OrderingAssertions() {}

  /** Every element of {@code chain} is older than every later one, both ways round. */
  static void assertStrictlyAscending(VersionComparator comparator, List<String> chain) {
    for (int i = 0; i < chain.size(); i++) {
      for (int j = i + 1; j < chain.size(); j++) {
        assertThat(comparator.compare(chain.get(i), chain.get(j))).as("%s < %s", chain.get(i), chain.get(j)).isNegative();
        assertThat(comparator.compare(chain.get(j), chain.get(i))).as("%s > %s", chain.get(j), chain.get(i)).isPositive();
      }
    }
  }

  /** Antisymmetry and transitivity over random triples from {@code versions}. */
  static void assertConsistent(VersionComparator comparator, Supplier<String> versions, long seed) {
    Random random = new Random(seed);
    List<String> pool = java.util.stream.Stream.generate(versions).limit(300).toList();
    for (int n = 0; n < 20_000; n++) {
      String a = pool.get(random.nextInt(pool.size()));
      String b = pool.get(random.nextInt(pool.size()));
      String c = pool.get(random.nextInt(pool.size()));
      int ab = Integer.signum(comparator.compare(a, b));
      assertThat(Integer.signum(comparator.compare(b, a))).as("antisymmetry of %s, %s", a, b).isEqualTo(-ab);
      int bc = Integer.signum(comparator.compare(b, c));
      if (ab <= 0 && bc <= 0) {
        assertThat(comparator.compare(a, c)).as("transitivity %s <= %s <= %s", a, b, c).isNotPositive();
      }
      assertThat(comparator.compare(a, a)).isZero();
    }
  }
}
