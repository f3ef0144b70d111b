package io.patchbay.version;

/** Compares runs of decimal digits by value, however long: version numbers are not bounded. */
final class Digits {

  private Digits() {}

  /**
   * Compares {@code a[aStart, aEnd)} with {@code b[bStart, bEnd)}; leading zeros and empty runs
   * count as zero.
   */
  static int compare(String a, int aStart, int aEnd, String b, int bStart, int bEnd) {
    while (aStart < aEnd && a.charAt(aStart) == '0') {
      aStart++;
    }
    while (bStart < bEnd && b.charAt(bStart) == '0') {
      bStart++;
    }
    int aLength = aEnd - aStart;
    int bLength = bEnd - bStart;
    if (aLength != bLength) {
      return Integer.compare(aLength, bLength);
    }
    for (int k = 0; k < aLength; k++) {
      int order = Character.compare(a.charAt(aStart + k), b.charAt(bStart + k));
      if (order != 0) {
        return Integer.signum(order);
      }
    }
    return 0;
  }
}
