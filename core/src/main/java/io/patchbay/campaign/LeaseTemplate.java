package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import java.util.ArrayList;
import java.util.List;

/**
 * A template such as {@code http://{ip}:8080} that makes a client's endpoint or id from a lease:
 * literal text and the placeholders {@code {ip}}, {@code {mac}} and {@code {hostname}}.
 */
final class LeaseTemplate {

  /** A value a lease fills in. */
  private enum Field {
    IP,
    MAC,
    HOSTNAME
  }

  private final String text;

  /** Literal strings and {@link Field}s, in order. */
  private final List<Object> parts;

  private LeaseTemplate(String text, List<Object> parts) {
    this.text = text;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses {@code text}; {@code what} names the template in errors.
   *
   * @throws IllegalArgumentException if a brace is not part of a known placeholder, or there is
   *     none at all (every client would get the same value)
   */
  static LeaseTemplate parse(String text, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("The " + what + " template is empty");
    }
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf('{', at);
      int close = text.indexOf('}', at);
      if (open < 0 && close < 0) {
        parts.add(text.substring(at));
        break;
      }
      int end = open < 0 ? -1 : text.indexOf('}', open);
      if (open < 0 || close < open || end < 0) {
        throw new IllegalArgumentException(
            "The " + what + " template has an unmatched brace: " + Untrusted.quote(text));
      }
      if (open > at) {
        parts.add(text.substring(at, open));
      }
      String name = text.substring(open + 1, end);
      parts.add(
          switch (name) {
            case "ip" -> Field.IP;
            case "mac" -> Field.MAC;
            case "hostname" -> Field.HOSTNAME;
            default ->
                throw new IllegalArgumentException(
                    "The "
                        + what
                        + " template has an unknown placeholder "
                        + Untrusted.quote("{" + name + "}")
                        + ": use {ip}, {mac} or {hostname}");
          });
      at = end + 1;
    }
    if (parts.stream().noneMatch(Field.class::isInstance)) {
      throw new IllegalArgumentException(
          "The "
              + what
              + " template has no placeholder, so every lease would get the same: "
              + Untrusted.quote(text));
    }
    return new LeaseTemplate(text, parts);
  }

  /**
   * The template filled in from {@code lease}.
   *
   * @throws IllegalArgumentException if the lease lacks a value the template needs
   */
  String expand(Lease lease) {
    StringBuilder out = new StringBuilder(text.length() + 32);
    for (Object part : parts) {
      if (part instanceof Field field) {
        out.append(value(field, lease));
      } else {
        out.append((String) part);
      }
    }
    return out.toString();
  }

  private static String value(Field field, Lease lease) {
    return switch (field) {
      case IP -> lease.ip();
      case MAC -> {
        if (lease.mac() == null) {
          throw new IllegalArgumentException("no hardware address for {mac}");
        }
        yield lease.mac();
      }
      case HOSTNAME -> {
        if (lease.hostname() != null) {
          yield lease.hostname();
        }
        throw new IllegalArgumentException(
            lease.invalidHostname() == null
                ? "no hostname for {hostname}"
                : "hostname "
                    + Untrusted.quote(lease.invalidHostname())
                    + " is not a valid host name");
      }
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
