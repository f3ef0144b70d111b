package io.patchbay.internal.model;

import java.util.Arrays;

/**
 * Strings laid end to end in one {@code char} array, compared in place: comparing two million-entry
 * columns then reads two arrays front to back, instead of a {@code String} and its array per value,
 * scattered over the heap wherever the reader allocated them. A plan keeps the client's versions
 * this way ({@link NameIndex#versions()}), a {@code String} made only for a file that is read.
 *
 * <p>Thread-safe: nothing changes after construction.
 */
public final class FlatStrings {

  private final char[] chars;

  /** String {@code i} runs from {@code starts[i]} to {@code starts[i + 1]}. */
  private final int[] starts;

  /**
   * @throws IllegalArgumentException if the strings hold more chars in all than an array can
   */
  FlatStrings(String[] strings) {
    long total = 0;
    for (String string : strings) {
      total += string.length();
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("More than 2^31 characters in all: " + total);
    }
    chars = new char[(int) total];
    starts = new int[strings.length + 1];
    for (int i = 0; i < strings.length; i++) {
      strings[i].getChars(0, strings[i].length(), chars, starts[i]);
      starts[i + 1] = starts[i] + strings[i].length();
    }
  }

  /** String {@code i}, made anew on every call. */
  public String get(int i) {
    return new String(chars, starts[i], length(i));
  }

  int length(int i) {
    return starts[i + 1] - starts[i];
  }

  /** Where string {@code i} lies: its start in the upper 32 bits, its length in the lower. */
  long span(int i) {
    return (long) starts[i] << 32 | length(i);
  }

  static int length(long span) {
    return (int) span;
  }

  /** Tells whether the string at {@code span} here equals string {@code j} of {@code other}. */
  boolean equal(long span, FlatStrings other, int j) {
    int start = (int) (span >>> 32);
    return Arrays.equals(
        chars, start, start + length(span), other.chars, other.starts[j], other.starts[j + 1]);
  }

  /** Tells whether string {@code i} here equals string {@code j} of {@code other}. */
  boolean equal(int i, FlatStrings other, int j) {
    return Arrays.equals(
        chars, starts[i], starts[i + 1], other.chars, other.starts[j], other.starts[j + 1]);
  }
}
