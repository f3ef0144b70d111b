package io.patchbay.transport.mender;

import io.patchbay.internal.Untrusted;
import io.patchbay.internal.json.JsonReader;
import io.patchbay.internal.json.JsonReader.Fields;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * What the header of a Mender artifact (format version 3) says: its name, the device types it is
 * for and what it provides once installed. Read from the start of the artifact only: the outer tar
 * begins with {@code version}, {@code manifest} (and {@code manifest.sig}, {@code manifest-augment}
 * when signed or augmented), then {@code header.tar[.gz]}, whose {@code header-info} and {@code
 * headers/NNNN/type-info} hold these facts (mender-artifact's Documentation/artifact-format-v3.md).
 * The payloads are not read.
 *
 * @param name the artifact's {@code artifact_name}
 * @param deviceTypes its {@code artifact_depends.device_type}
 * @param provides every payload's {@code artifact_provides}, merged
 */
record ArtifactHeader(String name, List<String> deviceTypes, Map<String, String> provides) {

  /** The most bytes of a header (uncompressed) or of one of its documents read. */
  static final int MAX_HEADER_BYTES = 1024 * 1024;

  /** The largest document of a header read: {@code version}, {@code header-info}, a type-info. */
  private static final int MAX_DOCUMENT_BYTES = 64 * 1024;

  private static final JsonReader.Limits LIMITS =
      JsonReader.Limits.DEFAULTS
          .withMaxDocumentBytes(MAX_DOCUMENT_BYTES)
          .withMaxStringLength(4096)
          .withMaxNestingDepth(8);

  ArtifactHeader {
    deviceTypes = List.copyOf(deviceTypes);
    provides = Map.copyOf(provides);
  }

  /**
   * Reads the header of the artifact in {@code in} (left open, read only as far as the header).
   *
   * @param file names the artifact in errors
   * @throws InvalidMenderArtifactException if it is not a Mender artifact of format version 3 or
   *     its header cannot be read
   * @throws IOException if reading {@code in} fails
   */
  static ArtifactHeader read(InputStream in, String file) throws IOException {
    TarArchiveInputStream outer = new TarArchiveInputStream(new Source(in));
    TarArchiveEntry entry = nextEntry(outer, file);
    if (entry == null || !entry.getName().equals("version")) {
      throw new InvalidMenderArtifactException(file, "it does not begin with a version entry");
    }
    requireVersion3(bytes(outer, file), file);
    for (entry = nextEntry(outer, file); entry != null; entry = nextEntry(outer, file)) {
      String name = entry.getName();
      if (name.equals("header.tar.gz")) {
        return header(new GZIPInputStream(outer), file);
      }
      if (name.equals("header.tar")) {
        return header(outer, file);
      }
      if (name.startsWith("header.tar.")) {
        throw new InvalidMenderArtifactException(
            file,
            "its header is compressed as "
                + Untrusted.quote(name)
                + "; write it with mender-artifact --compression gzip (or none)");
      }
      if (name.startsWith("data/")) {
        break;
      }
    }
    throw new InvalidMenderArtifactException(file, "it has no header.tar before its data");
  }

  private static ArtifactHeader header(InputStream compressed, String file) throws IOException {
    TarArchiveInputStream header = new TarArchiveInputStream(new Capped(compressed, file));
    Info info = null;
    Map<String, String> provides = new LinkedHashMap<>();
    for (TarArchiveEntry entry = nextEntry(header, file);
        entry != null;
        entry = nextEntry(header, file)) {
      String name = entry.getName();
      if (name.equals("header-info")) {
        info = info(bytes(header, file), file);
      } else if (name.startsWith("headers/") && name.endsWith("/type-info")) {
        provides.putAll(typeInfoProvides(bytes(header, file), file));
      }
    }
    if (info == null) {
      throw new InvalidMenderArtifactException(file, "its header has no header-info");
    }
    return new ArtifactHeader(info.name, info.deviceTypes, provides);
  }

  private record Info(String name, List<String> deviceTypes) {}

  private static void requireVersion3(byte[] version, String file) throws IOException {
    read(
        version,
        file,
        json -> {
          JsonReader.ObjectReader fields = json.object(Fields.required("format", "version"));
          for (String name = fields.next(); name != null; name = fields.next()) {
            if (name.equals("format")) {
              String format = json.string("the artifact format");
              if (!format.equals("mender")) {
                throw new InvalidMenderArtifactException(
                    file, "its format is " + Untrusted.quote(format) + ", not mender");
              }
            } else {
              json.schemaVersion(3);
            }
          }
          return null;
        });
  }

  private static Info info(byte[] document, String file) throws IOException {
    return read(
        document,
        file,
        json -> {
          JsonReader.ObjectReader fields =
              json.object(Fields.required("artifact_provides", "artifact_depends"));
          String name = null;
          List<String> deviceTypes = List.of();
          for (String field = fields.next(); field != null; field = fields.next()) {
            JsonReader.ObjectReader inner =
                json.object(
                    field.equals("artifact_provides")
                        ? Fields.required("artifact_name")
                        : Fields.required("device_type"));
            for (String key = inner.next(); key != null; key = inner.next()) {
              if (key.equals("artifact_name")) {
                name = json.string("the artifact name");
              } else {
                deviceTypes = json.list(value -> value.string("a device type"));
              }
            }
          }
          return new Info(name, deviceTypes);
        });
  }

  private static Map<String, String> typeInfoProvides(byte[] document, String file)
      throws IOException {
    return read(
        document,
        file,
        json -> {
          JsonReader.ObjectReader fields = json.object(Fields.none().optional("artifact_provides"));
          Map<String, String> provides = Map.of();
          for (String field = fields.next(); field != null; field = fields.next()) {
            provides = json.map(value -> value.string("a provides value"));
          }
          return provides;
        });
  }

  private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, String file)
      throws IOException {
    try {
      return tar.getNextEntry();
    } catch (Source.ReadFailure e) {
      throw e.cause();
    } catch (IOException | IllegalArgumentException e) {
      // How Commons Compress reports a malformed tar header ("Corrupted TAR archive.").
      throw new InvalidMenderArtifactException(file, "it is not a valid tar: " + e.getMessage());
    }
  }

  private static byte[] bytes(InputStream entry, String file) throws IOException {
    byte[] bytes = entry.readNBytes(MAX_DOCUMENT_BYTES + 1);
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new InvalidMenderArtifactException(
          file, "a header document is over " + MAX_DOCUMENT_BYTES + " bytes");
    }
    return bytes;
  }

  private static <T> T read(byte[] document, String file, JsonReader.Value<T> value)
      throws IOException {
    return JsonReader.read(
        new ByteArrayInputStream(document),
        LIMITS,
        (kind, where, reason, cause) ->
            new InvalidMenderArtifactException(
                file, "its header is not valid at " + where.path() + ": " + reason),
        value);
  }

  /**
   * Marks the failures of the stream the artifact is read from, so that they stay I/O errors while
   * Commons Compress's own (a malformed tar) become {@link InvalidMenderArtifactException}.
   */
  private static final class Source extends FilterInputStream {

    /** A read of the artifact's own stream failed. */
    static final class ReadFailure extends IOException {
      private static final long serialVersionUID = 1L;

      ReadFailure(IOException cause) {
        super(cause);
      }

      IOException cause() {
        return (IOException) getCause();
      }
    }

    Source(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException e) {
        throw new ReadFailure(e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (IOException e) {
        throw new ReadFailure(e);
      }
    }
  }

  /** Fails once more than {@link #MAX_HEADER_BYTES} of the header were read (a tar bomb). */
  private static final class Capped extends FilterInputStream {
    private final String file;
    private long read;

    Capped(InputStream in, String file) {
      super(in);
      this.file = file;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0 && (read += n) > MAX_HEADER_BYTES) {
        throw new InvalidMenderArtifactException(
            file, "its header is over " + MAX_HEADER_BYTES + " bytes");
      }
      return n;
    }
  }
}
