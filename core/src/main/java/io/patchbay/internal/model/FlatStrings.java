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

  private FlatStrings(char[] chars, int[] starts) {
    this.chars = chars;
    this.starts = starts;
  }

  /**
   * Lays strings end to end as they come, so that an index copies each entry's strings while it
   * reads the entry, rather than in a pass of its own over strings that are out of the cache by
   * then.
   */
  static final class Builder {

    /** The most chars an array can hold on every JVM. */
    private static final int MAX_CHARS = Integer.MAX_VALUE - 8;

    private final int[] starts;
    private char[] chars;
    private int count;

    /** A builder of {@code strings} strings, first sized for {@code charsPerString} each. */
    Builder(int strings, int charsPerString) {
      starts = new int[strings + 1];
      chars = new char[(int) Math.min(MAX_CHARS, (long) strings * charsPerString)];
    }

    /**
     * Appends {@code string}, the next one.
     *
     * @return where it lies: its start in the upper 32 bits, its length in the lower
     * @throws IllegalArgumentException if the strings hold more chars in all than an array can
     */
    long add(String string) {
      int start = starts[count];
      int length = string.length();
      if (chars.length - start < length) {
        grow((long) start + length);
      }
      string.getChars(0, length, chars, start);
      starts[++count] = start + length;
      return (long) start << 32 | length;
    }

    private void grow(long needed) {
      if (needed > MAX_CHARS) {
        throw new IllegalArgumentException("More than 2^31 characters in all: " + needed);
      }
      long larger = Math.max(needed, chars.length + (chars.length >> 1) + 16L);
      chars = Arrays.copyOf(chars, (int) Math.min(MAX_CHARS, larger));
    }

    /** The strings added, which must be as many as the builder was made for. */
    FlatStrings build() {
      int total = starts[count];
      return new FlatStrings(total == chars.length ? chars : Arrays.copyOf(chars, total), starts);
    }
  }

  /** String {@code i}, made anew on every call. */
  public String get(int i) {
    return new String(chars, starts[i], length(i));
  }

  int length(int i) {
    return starts[i + 1] - starts[i];
  }

  static int spanLength(long span) {
    return (int) span;
  }

  /** Tells whether the string at {@code span} here equals string {@code j} of {@code other}. */
  boolean equal(long span, FlatStrings other, int j) {
    int start = (int) (span >>> 32);
    return Arrays.equals(
        chars, start, start + spanLength(span), other.chars, other.starts[j], other.starts[j + 1]);
  }

  /** Tells whether string {@code i} here equals string {@code j} of {@code other}. */
  boolean equal(int i, FlatStrings other, int j) {
    return Arrays.equals(
        chars, starts[i], starts[i + 1], other.chars, other.starts[j], other.starts[j + 1]);
  }
}
