package io.patchbay.cli;

import io.patchbay.PatchbayException;
import io.patchbay.model.InvalidCatalogException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Puts an error into words for the people reading the command's output: what failed and why, from
 * the whole cause chain. Every error is printed through here, so none prints as {@code null} or as
 * a bare class name, and a file error says what happened to the file, not only its path.
 */
final class ErrorText {

  /** Enough for any chain a transport builds; a guard against cycles and absurd depth. */
  private static final int MAX_DEPTH = 10;

  private ErrorText() {}

  /**
   * The error as one line: each exception's own words, outermost first, joined by {@code ": "}; a
   * wrapper that only repeats its cause, or says nothing, adds nothing.
   */
  static String of(Throwable error) {
    return String.join(": ", parts(error, null));
  }

  /**
   * The error as lines for a terminal: {@link #of} first; if an invalid catalog is in the chain,
   * one more line for each problem it lists, bounded as its message is.
   */
  static List<String> lines(Throwable error) {
    List<InvalidCatalogException> invalid = new ArrayList<>(1);
    List<String> lines = new ArrayList<>();
    lines.add(String.join(": ", parts(error, invalid)));
    if (!invalid.isEmpty()) {
      List<PatchbayException> problems = invalid.get(0).problems();
      int listed = Math.min(problems.size(), InvalidCatalogException.MAX_LISTED);
      for (PatchbayException problem : problems.subList(0, listed)) {
        lines.add("  " + oneLine(problem.getMessage()));
      }
      if (problems.size() > listed) {
        lines.add("  and " + (problems.size() - listed) + " more");
      }
    }
    return lines;
  }

  /**
   * The chain's words. An invalid catalog ends the chain with its summary and is handed to {@code
   * invalid}, when given, to list its problems; otherwise its full message stands.
   */
  private static List<String> parts(Throwable error, List<InvalidCatalogException> invalid) {
    List<String> parts = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error;
        t != null && seen.add(t) && seen.size() <= MAX_DEPTH;
        t = t.getCause()) {
      if (invalid != null && t instanceof InvalidCatalogException catalog) {
        parts.add(catalog.summary());
        invalid.add(catalog);
        break;
      }
      String own = own(t);
      if (own != null && parts.stream().noneMatch(said -> said.contains(own))) {
        parts.add(own);
      }
    }
    if (parts.isEmpty()) {
      parts.add(unexplained(error));
    }
    return parts;
  }

  /** What {@code t} itself says, or {@code null} if it says nothing its cause does not. */
  private static String own(Throwable t) {
    if (t instanceof FileSystemException file) {
      return describe(file);
    }
    String message = t.getMessage();
    if (message == null
        || message.isBlank()
        || (t.getCause() != null && message.equals(t.getCause().toString()))) {
      return null;
    }
    if (t instanceof UnknownHostException) {
      return "unknown host " + message;
    }
    return oneLine(message);
  }

  /** A file error as {@code PATH: what happened}; the JDK's message is often just the path. */
  private static String describe(FileSystemException error) {
    StringBuilder text = new StringBuilder();
    if (error.getFile() != null) {
      text.append(error.getFile());
    }
    if (error.getOtherFile() != null) {
      text.append(" -> ").append(error.getOtherFile());
    }
    String reason = error.getReason() != null ? error.getReason() : unexplained(error);
    return oneLine(text.isEmpty() ? reason : text + ": " + reason);
  }

  /** Words for an exception that carries no message of its own, by what its type means. */
  private static String unexplained(Throwable error) {
    if (error instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (error instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (error instanceof FileAlreadyExistsException) {
      return "already exists";
    }
    if (error instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (error instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (error instanceof ConnectException) {
      return "could not connect (" + error.getClass().getSimpleName() + ")";
    }
    return error.getClass().getSimpleName() + " (no details)";
  }

  private static String oneLine(String text) {
    return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
