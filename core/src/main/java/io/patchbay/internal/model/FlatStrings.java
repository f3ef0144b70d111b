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
   * then. Grows as strings are added when their number is not known in advance.
   */
  static final class Builder {

    /** The most elements an array can hold on every JVM. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private int[] starts;
    private char[] chars;
    private int count;

    /** A builder first sized for {@code strings} strings of {@code charsPerString} chars each. */
    Builder(int strings, int charsPerString) {
      starts = new int[strings + 1];
      chars = new char[(int) Math.min(MAX_LENGTH, (long) strings * charsPerString)];
    }

    /**
     * Appends {@code string}, the next one.
     *
     * @return where it lies: its start in the upper 32 bits, its length in the lower
     * @throws IllegalArgumentException if the strings hold more chars in all than an array can
     */
    long add(String string) {
      if (count + 1 == starts.length) {
        starts = Arrays.copyOf(starts, larger(starts.length, starts.length + 1L));
      }
      int start = starts[count];
      int length = string.length();
      if (chars.length - start < length) {
        long needed = (long) start + length;
        if (needed > MAX_LENGTH) {
          throw new IllegalArgumentException("More than 2^31 characters in all: " + needed);
        }
        chars = Arrays.copyOf(chars, larger(chars.length, needed));
      }
      string.getChars(0, length, chars, start);
      starts[++count] = start + length;
      return (long) start << 32 | length;
    }

    /**
     * Half as large again as {@code length}, and at least {@code needed}, within an array's limit.
     */
    private static int larger(int length, long needed) {
      return (int) Math.min(MAX_LENGTH, Math.max(needed, length + (length >> 1) + 16L));
    }

    /**
     * The strings added, in the builder's arrays as they are: up to twice the size they need when
     * the number of strings was not known, rather than a copy of all of them to trim the rest.
     */
    FlatStrings build() {
      return new FlatStrings(chars, starts);
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

  /** Tells whether string {@code i} here is {@code string}. */
  boolean equal(int i, String string) {
    int start = starts[i];
    int length = starts[i + 1] - start;
    if (length != string.length()) {
      return false;
    }
    for (int at = 0; at < length; at++) {
      if (chars[start + at] != string.charAt(at)) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether string {@code i} here equals string {@code j} of {@code other}. */
  boolean equal(int i, FlatStrings other, int j) {
    return Arrays.equals(
        chars, starts[i], starts[i + 1], other.chars, other.starts[j], other.starts[j + 1]);
  }
}
