package io.patchbay.internal.model;

import java.util.Arrays;

/**
 * Strings laid end to end in pages of {@code char}s, compared in place: comparing two million-entry
 * columns then reads a few arrays front to back, instead of a {@code String} and its array per
 * value, scattered over the heap wherever the reader allocated them. A plan keeps the client's
 * versions this way ({@link NameIndex#versions()}), a {@code String} made only for a file that is
 * read.
 *
 * <p>Pages, not one array, so that a column built while a document of unknown length is read never
 * copies what it holds to grow: a full page is left as it is and the next string starts a new one.
 * A string never spans two pages; one longer than a page has a page of its own.
 *
 * <p>Thread-safe: nothing changes after construction.
 */
public final class FlatStrings {

  /** A page holds 2^{@value} chars (4 MiB), except a page of one longer string. */
  private static final int PAGE_BITS = 21;

  private static final int PAGE_CHARS = 1 << PAGE_BITS;
  private static final int OFFSET_MASK = PAGE_CHARS - 1;

  /** The most pages: a start packs the page's number above its offset in 31 bits. */
  private static final int MAX_PAGES = 1 << (31 - PAGE_BITS);

  private final char[][] pages;

  /** Where string {@code i} lies: its start in the upper 32 bits, its length in the lower. */
  private final long[] spans;

  private FlatStrings(char[][] pages, long[] spans) {
    this.pages = pages;
    this.spans = spans;
  }

  /**
   * Lays strings end to end as they come, so that an index copies each entry's strings while it
   * reads the entry, rather than in a pass of its own over strings that are out of the cache by
   * then. Grows as strings are added, without copying them once a page is full.
   */
  static final class Builder {

    private char[][] pages = new char[1][];
    private int page;
    private int used;
    private long[] spans;
    private int count;

    /** A builder first sized for {@code strings} strings of {@code charsPerString} chars each. */
    Builder(int strings, int charsPerString) {
      spans = new long[strings];
      pages[0] = new char[(int) Math.min(PAGE_CHARS, (long) strings * charsPerString)];
    }

    /**
     * Appends {@code string}, the next one.
     *
     * @return where it lies: its start in the upper 32 bits, its length in the lower
     * @throws IllegalArgumentException if the strings need more pages than a start can name
     */
    long add(String string) {
      if (count == spans.length) {
        spans = Arrays.copyOf(spans, Math.max(16, count * 2));
      }
      int length = string.length();
      if (length == 0) {
        // Anywhere will do, and the start of the first page always exists.
        spans[count++] = 0;
        return 0;
      }
      if (pages[page].length - used < length) {
        makeRoom(length);
      }
      string.getChars(0, length, pages[page], used);
      long span = (long) (page << PAGE_BITS | used) << 32 | length;
      spans[count++] = span;
      used += length;
      return span;
    }

    private void makeRoom(int length) {
      char[] current = pages[page];
      if (current.length < PAGE_CHARS && used + (long) length <= PAGE_CHARS) {
        // The first page, made small for a short list, grows by doubling up to a whole page.
        int larger =
            (int) Math.min(PAGE_CHARS, Math.max(used + (long) length, 2L * current.length));
        pages[page] = Arrays.copyOf(current, larger);
        return;
      }
      if (page + 1 == MAX_PAGES) {
        throw new IllegalArgumentException("More than " + MAX_PAGES + " pages of characters");
      }
      page++;
      used = 0;
      if (page == pages.length) {
        pages = Arrays.copyOf(pages, pages.length * 2);
      }
      pages[page] = new char[Math.max(PAGE_CHARS, length)];
    }

    /**
     * The strings added, in the builder's pages as they are (the last keeps its free room), the
     * spans trimmed as {@link NameIndex.Builder#build} trims its columns ({@link
     * NameIndex#worthTrimming}).
     */
    FlatStrings build() {
      boolean trim = NameIndex.worthTrimming(spans.length, count);
      return new FlatStrings(pages, trim ? Arrays.copyOf(spans, count) : spans);
    }
  }

  /** String {@code i}, made anew on every call. */
  public String get(int i) {
    long span = spans[i];
    return new String(pages[page(span)], offset(span), spanLength(span));
  }

  int length(int i) {
    return spanLength(spans[i]);
  }

  static int spanLength(long span) {
    return (int) span;
  }

  private static int page(long span) {
    return (int) (span >>> (32 + PAGE_BITS));
  }

  private static int offset(long span) {
    return (int) (span >>> 32) & OFFSET_MASK;
  }

  /** Tells whether the string at {@code span} here equals string {@code j} of {@code other}. */
  boolean equal(long span, FlatStrings other, int j) {
    long theirs = other.spans[j];
    int start = offset(span);
    int otherStart = offset(theirs);
    return Arrays.equals(
        pages[page(span)],
        start,
        start + spanLength(span),
        other.pages[page(theirs)],
        otherStart,
        otherStart + spanLength(theirs));
  }

  /** Tells whether string {@code i} here equals string {@code j} of {@code other}. */
  public boolean equal(int i, FlatStrings other, int j) {
    return equal(spans[i], other, j);
  }

  /** Tells whether string {@code i} here is {@code string}. */
  boolean equal(int i, String string) {
    long span = spans[i];
    int length = spanLength(span);
    if (length != string.length()) {
      return false;
    }
    char[] chars = pages[page(span)];
    int start = offset(span);
    for (int at = 0; at < length; at++) {
      if (chars[start + at] != string.charAt(at)) {
        return false;
      }
    }
    return true;
  }
}
