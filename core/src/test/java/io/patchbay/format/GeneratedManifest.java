package io.patchbay.format;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.patchbay.model.FileEntry;
import io.patchbay.model.Sha256;
import java.io.InputStream;

/**
 * A manifest document of any number of entries, rendered a thousand entries at a time as it is
 * read, so that a test never holds the document's text.
 */
final class GeneratedManifest extends InputStream {

  private static final int ENTRIES_PER_CHUNK = 1000;

  private final int entries;
  private int next;
  private boolean ended;
  private byte[] chunk = "{\"schemaVersion\": 1, \"files\": [\n".getBytes(UTF_8);
  private int position;

  GeneratedManifest(int entries) {
    this.entries = entries;
  }

  /** The entry the document lists at {@code index}. */
  static FileEntry entry(int index) {
    String hex = Integer.toHexString(index);
    Sha256 digest = new Sha256("0".repeat(64 - hex.length()) + hex);
    return new FileEntry(
        "files/" + index + ".bin", "1." + index % 100 + "." + index, digest, index * 7L);
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    while (position == chunk.length) {
      if (ended) {
        return -1;
      }
      render();
    }
    int n = Math.min(length, chunk.length - position);
    System.arraycopy(chunk, position, buffer, offset, n);
    position += n;
    return n;
  }

  private void render() {
    StringBuilder text = new StringBuilder();
    for (int end = Math.min(entries, next + ENTRIES_PER_CHUNK); next < end; next++) {
      FileEntry entry = entry(next);
      text.append(next == 0 ? "" : ",\n")
          .append("{\"name\": \"")
          .append(entry.name())
          .append("\", \"version\": \"")
          .append(entry.version())
          .append("\", \"sha256\": \"")
          .append(entry.sha256().hex())
          .append("\", \"size\": ")
          .append(entry.size())
          .append('}');
    }
    if (next == entries) {
      text.append("\n]}\n");
      ended = true;
    }
    chunk = text.toString().getBytes(UTF_8);
    position = 0;
  }
}
