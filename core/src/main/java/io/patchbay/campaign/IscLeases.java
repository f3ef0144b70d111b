package io.patchbay.campaign;

import io.patchbay.internal.Untrusted;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ISC dhcpd's lease database, {@code dhcpd.leases} (dhcpd.leases(5)): a log of declarations,
 * {@code lease IP { starts ...; ends ...; binding state active; hardware ethernet MAC;
 * client-hostname "NAME"; ... }}, where a later declaration of an address supersedes the earlier
 * ones. Dates are {@code W YYYY/MM/DD HH:MM:SS} in UTC, {@code epoch SECONDS;} (with {@code
 * db-time-format local}) or {@code never}. Other declarations (host, group, failover state, DHCPv6
 * {@code ia-na} ...) are skipped whole. dhcpd appends to the file: a last declaration cut short by
 * a read during a write is skipped, and the next reading sees it whole.
 *
 * <p>The tokenizer keeps no stack: blocks nested inside a declaration are skipped by counting
 * braces, so a hostile file cannot nest its way into a stack overflow.
 */
final class IscLeases {

  private static final String INCOMPLETE =
      "lease not closed before the end of the file (being written?)";

  /** A token: a word, a quoted string (unescaped), or one of {@code { } ;}. */
  private record Token(String text, boolean quoted, long line) {
    boolean is(String punctuation) {
      return !quoted && text.equals(punctuation);
    }
  }

  private final String text;
  private int at;
  private long line = 1;

  private IscLeases(String text) {
    this.text = text;
  }

  static void read(String text, LeaseSet leases) {
    IscLeases tokens = new IscLeases(text);
    for (Token token = tokens.next(); token != null; token = tokens.next()) {
      if (token.is("lease")) {
        tokens.lease(token.line(), leases);
      } else if (!token.is(";") && !token.is("}")) {
        tokens.skipStatement(token);
      }
    }
  }

  /** Skips a declaration other than a lease: up to its {@code ;} or to the end of its block. */
  private void skipStatement(Token first) {
    for (Token token = first; token != null; token = next()) {
      if (token.is(";")) {
        return;
      }
      if (token.is("{")) {
        skipBlock();
        return;
      }
    }
  }

  /** Skips to the brace that closes a block just opened; false if the file ends first. */
  private boolean skipBlock() {
    long depth = 1;
    for (Token token = next(); token != null; token = next()) {
      if (token.is("{")) {
        depth++;
      } else if (token.is("}") && --depth == 0) {
        return true;
      }
    }
    return false;
  }

  private void lease(long start, LeaseSet leases) {
    Token address = next();
    Token open = address == null ? null : next();
    if (open == null) {
      leases.skip(start, INCOMPLETE);
      return;
    }
    if (!open.is("{")) {
      leases.skip(start, "not lease IP { ... }");
      skipStatement(open);
      return;
    }
    String ip = address.quoted() ? null : LeaseFields.ipv4(address.text());
    Statements lease = new Statements();
    if (ip == null) {
      lease.malformed = "not an IPv4 address: " + Untrusted.quote(address.text());
    }
    List<Token> statement = new ArrayList<>();
    for (Token token = next(); ; token = next()) {
      if (token == null) {
        leases.skip(start, INCOMPLETE);
        return;
      }
      if (token.is("}")) {
        break;
      }
      if (token.is(";")) {
        lease.apply(statement);
        statement.clear();
      } else if (token.is("{")) {
        // A statement with a block of its own (such as "on expiry { ... }"): not needed.
        if (!skipBlock()) {
          leases.skip(start, INCOMPLETE);
          return;
        }
        statement.clear();
      } else {
        statement.add(token);
      }
    }
    if (lease.malformed == null && !statement.isEmpty()) {
      lease.malformed = "a statement without its ';' before the '}'";
    }
    if (lease.malformed != null) {
      leases.skip(start, lease.malformed);
    } else if (lease.state == null) {
      leases.skip(start, "no binding state");
    } else if (!lease.hasEnd) {
      leases.skip(start, "no ends");
    } else {
      boolean valid = lease.hostname != null && LeaseFields.isHostname(lease.hostname);
      leases.add(
          new Lease(
              start,
              ip,
              lease.mac,
              valid ? lease.hostname : null,
              valid ? null : lease.hostname,
              lease.ends,
              lease.state.equals("active")));
    }
  }

  /** What the statements of one lease said; the first problem found, if any. */
  private static final class Statements {
    String state;
    String mac;
    String hostname;
    Instant ends;
    boolean hasEnd;
    String malformed;

    void apply(List<Token> words) {
      if (words.isEmpty() || words.get(0).quoted() || malformed != null) {
        return;
      }
      switch (words.get(0).text()) {
        case "binding" -> {
          if (words.size() == 3 && words.get(1).is("state") && !words.get(2).quoted()) {
            state = words.get(2).text();
          } else {
            malformed = "not binding state STATE";
          }
        }
        case "hardware" -> {
          mac = words.size() == 3 ? LeaseFields.hardwareAddress(words.get(2).text()) : null;
          if (mac == null) {
            malformed = "not hardware TYPE ADDRESS: " + Untrusted.quote(join(words));
          }
        }
        case "client-hostname" -> {
          if (words.size() == 2 && words.get(1).quoted()) {
            hostname = words.get(1).text();
          } else {
            malformed = "not client-hostname \"NAME\"";
          }
        }
        case "ends" -> {
          hasEnd = true;
          try {
            ends = date(words.subList(1, words.size()));
          } catch (DateTimeException | NumberFormatException e) {
            malformed = "not ends DATE: " + Untrusted.quote(join(words));
          }
        }
        default -> {
          // starts, tstp, cltt, uid, set, next binding state ...: not needed.
        }
      }
    }

    /** A date as dhcpd writes it; null for {@code never}. */
    private static Instant date(List<Token> words) {
      if (words.size() == 1 && words.get(0).is("never")) {
        return null;
      }
      if (words.size() == 2 && words.get(0).is("epoch")) {
        return Instant.ofEpochSecond(digits(words.get(1).text(), 18));
      }
      if (words.size() != 3) {
        throw new DateTimeException("not W YYYY/MM/DD HH:MM:SS");
      }
      String[] day = words.get(1).text().split("/", -1);
      String[] time = words.get(2).text().split(":", -1);
      if (day.length != 3 || time.length != 3) {
        throw new DateTimeException("not W YYYY/MM/DD HH:MM:SS");
      }
      return LocalDateTime.of(
              (int) digits(day[0], 4),
              (int) digits(day[1], 2),
              (int) digits(day[2], 2),
              (int) digits(time[0], 2),
              (int) digits(time[1], 2),
              (int) digits(time[2], 2))
          .toInstant(ZoneOffset.UTC);
    }

    private static long digits(String text, int max) {
      if (text.isEmpty()
          || text.length() > max
          || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new NumberFormatException(text);
      }
      return Long.parseLong(text);
    }

    private static String join(List<Token> words) {
      return String.join(" ", words.stream().map(Token::text).toList());
    }
  }

  /** The next token, or null at the end of the file (or inside a string the end cuts off). */
  private Token next() {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '\n') {
        line++;
        at++;
      } else if (Character.isWhitespace(c)) {
        at++;
      } else if (c == '#') {
        while (at < text.length() && text.charAt(at) != '\n') {
          at++;
        }
      } else if (c == '{' || c == '}' || c == ';') {
        at++;
        return new Token(String.valueOf(c), false, line);
      } else if (c == '"') {
        return string();
      } else {
        int start = at;
        while (at < text.length() && !ends(text.charAt(at))) {
          at++;
        }
        return new Token(text.substring(start, at), false, line);
      }
    }
    return null;
  }

  private static boolean ends(char c) {
    return Character.isWhitespace(c) || c == '{' || c == '}' || c == ';' || c == '"' || c == '#';
  }

  /** A quoted string: dhcpd escapes {@code "} and {@code \} with a backslash, others as octal. */
  private Token string() {
    long first = line;
    StringBuilder value = new StringBuilder();
    for (at++; at < text.length(); at++) {
      char c = text.charAt(at);
      if (c == '"') {
        at++;
        return new Token(value.toString(), true, first);
      }
      if (c == '\n') {
        line++;
      }
      if (c == '\\' && at + 1 < text.length()) {
        at++;
        int octal = octal(at);
        if (octal >= 0) {
          value.append((char) octal);
          at += 2;
          continue;
        }
        c = text.charAt(at);
        if (c == '\n') {
          line++;
        }
      }
      value.append(c);
    }
    return null;
  }

  private int octal(int from) {
    if (from + 3 > text.length()) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < from + 3; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '7') {
        return -1;
      }
      value = value * 8 + (c - '0');
    }
    return value <= 0xff ? value : -1;
  }
}
