package io.patchbay.fetch;

import io.patchbay.catalog.ArtifactStream;
import io.patchbay.catalog.CentralCatalog;
import io.patchbay.catalog.ResumePoint;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.CatalogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One artifact's download into its partial file, {@code <sha256>.part}, resumed where an earlier
 * attempt (of this process or one that crashed) stopped. Beside it, {@code <sha256>.validator}
 * keeps the head end's validator for the bytes, so a resumed request can ask for the rest only if
 * the artifact is still the same; a head end that sends the whole artifact instead has the partial
 * file rewritten from the start, never spliced. Whatever was resumed, the whole file is verified.
 *
 * <p>Used by one thread at a time: {@link ArtifactCache}'s single-flight sees to it.
 */
final class PartialDownload {

  private static final Logger LOG = LoggerFactory.getLogger(PartialDownload.class);

  private final CatalogEntry entry;
  private final Path file;
  private final Path validatorFile;
  private boolean resumed;

  PartialDownload(Path partials, CatalogEntry entry) {
    this.entry = entry;
    this.file = partials.resolve(entry.sha256().hex() + ".part");
    this.validatorFile = partials.resolve(entry.sha256().hex() + ".validator");
  }

  /** The partial file; it holds the verified artifact once {@link #fill} returns. */
  Path file() {
    return file;
  }

  /**
   * Tells whether the last {@link #fill} appended to bytes an earlier attempt left, so that its
   * failed verification may be theirs rather than the head end's.
   */
  boolean resumed() {
    return resumed;
  }

  /**
   * Downloads what the partial file lacks and verifies the whole; a complete partial file is only
   * verified. The file is forced to disk before this returns.
   *
   * @throws ArtifactVerificationException if the whole file does not match the entry
   * @throws IOException if the head end or the disk fails; the partial file is kept to resume
   */
  void fill(CentralCatalog catalog) throws IOException {
    long held = heldBytes();
    if (held > entry.size()) {
      discard();
      held = 0;
    }
    resumed = false;
    try (FileChannel out =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
        ArtifactStream in =
            held > 0 && held == entry.size()
                // Complete but not yet renamed when the last attempt stopped: there is nothing to
                // ask for.
                ? ArtifactStream.of(InputStream.nullInputStream(), held)
                : catalog.openArtifact(entry, resumePoint(held))) {
      long start = in.start();
      if (start != held && start != 0) {
        throw new IOException(
            "Asked the head end for "
                + entry.name()
                + " from byte "
                + held
                + " and it sent bytes from "
                + start);
      }
      if (start == 0) {
        if (held > 0) {
          LOG.info(
              "Head end sent all of {} rather than the {} bytes after the {} held: starting over",
              entry.name(),
              entry.size() - held,
              held);
        }
        // Truncate before recording the new validator: a crash in between leaves an empty file,
        // never old bytes under a new validator.
        out.truncate(0);
        storeValidator(in.validator());
      }
      resumed = start > 0;
      out.position(start);
      VerifyingCopy.resume(
          in,
          Channels.newOutputStream(out),
          entry.name(),
          entry.size(),
          entry.sha256(),
          digestOf(start),
          start,
          bytes -> {});
      out.force(true);
    }
  }

  /**
   * The bytes a previous attempt left, or 0. Anything but a regular file there (a link planted to
   * make the gateway write elsewhere, say) is deleted, never followed.
   */
  private long heldBytes() throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return 0;
    }
    if (!attributes.isRegularFile()) {
      LOG.warn("Removing {}: not a regular file", file);
      discard();
      return 0;
    }
    return attributes.size();
  }

  /** Deletes the partial file and its validator. */
  void discard() throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(validatorFile);
  }

  /** Forgets the validator once the partial file has become a cache entry. */
  void committed() throws IOException {
    Files.deleteIfExists(validatorFile);
  }

  /**
   * Where to resume after the {@code held} bytes, with the validator kept beside them. One that is
   * missing or unusable (cut short by a crash, say) leaves the range asked for without one, and
   * verification of the whole file still decides.
   */
  private ResumePoint resumePoint(long held) throws IOException {
    if (held == 0 || !Files.isRegularFile(validatorFile, LinkOption.NOFOLLOW_LINKS)) {
      return ResumePoint.at(held);
    }
    try (InputStream in = Files.newInputStream(validatorFile, LinkOption.NOFOLLOW_LINKS)) {
      // One byte more than a validator may have makes an over-long one fail as such.
      byte[] bytes = in.readNBytes(ResumePoint.MAX_VALIDATOR_LENGTH + 1);
      return new ResumePoint(
          held, StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
    } catch (IllegalArgumentException | CharacterCodingException e) {
      LOG.warn("Ignoring the unusable validator in {}", validatorFile);
      return ResumePoint.at(held);
    }
  }

  private void storeValidator(String validator) throws IOException {
    if (validator == null) {
      Files.deleteIfExists(validatorFile);
    } else {
      Files.writeString(
          validatorFile,
          validator,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** The digest of the partial file's first {@code length} bytes, to continue. */
  private MessageDigest digestOf(long length) throws IOException {
    MessageDigest digest = VerifyingCopy.newSha256();
    if (length > 0) {
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        byte[] buffer = new byte[64 * 1024];
        for (long left = length; left > 0; ) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            throw new IOException("Partial download " + file + " shrank while reading it");
          }
          digest.update(buffer, 0, n);
          left -= n;
        }
      }
    }
    return digest;
  }
}
