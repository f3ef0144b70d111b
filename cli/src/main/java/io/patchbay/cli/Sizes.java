package io.patchbay.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts for people: {@code 4 MiB} on the way out, {@code 4MiB}, {@code 512k} or {@code 100}
 * on the way in.
 */
final class Sizes {

  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(k|kib|m|mib|g|gib|b)?");

  private Sizes() {}

  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static long parse(String text) {
    Matcher size = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!size.matches()) {
      throw new IllegalArgumentException("Not a size: " + text + " (examples: 512, 64k, 4MiB, 1g)");
    }
    long factor =
        switch (size.group(2) == null ? "" : size.group(2)) {
          case "k", "kib" -> 1L << 10;
          case "m", "mib" -> 1L << 20;
          case "g", "gib" -> 1L << 30;
          default -> 1;
        };
    return Math.multiplyExact(Long.parseLong(size.group(1)), factor);
  }
}
