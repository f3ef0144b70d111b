package io.patchbay.transport.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Predicate;

/**
 * A directory served by a {@link TftpServer}, with no way out of it: names are safe relative paths,
 * and a name that resolves, through symbolic links, to anything outside the directory's real path
 * is refused. Writes go only where a predicate allows, into a temporary file renamed into place
 * once complete. Thread-safe.
 */
final class DirectoryFiles implements ServedFiles {

  private final Path root;
  private final Predicate<String> writable;
  private final long maxFileSize;

  DirectoryFiles(Path root, Predicate<String> writable, long maxFileSize) throws IOException {
    this.root = root.toRealPath();
    if (!Files.isDirectory(this.root)) {
      throw new NotDirectoryException(root.toString());
    }
    this.writable = writable;
    this.maxFileSize = maxFileSize;
  }

  @Override
  public Download openRead(String name) throws IOException {
    Path file = inside(root.resolve(ServedFiles.logicalName(name)));
    if (!Files.isRegularFile(file)) {
      throw new Refusal(TftpErrorCode.FILE_NOT_FOUND, "File not found");
    }
    try {
      // The real path has no links left; refusing one at the end closes the gap of a link
      // swapped in since it was resolved.
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
      return Download.of(channel);
    } catch (AccessDeniedException e) {
      throw new Refusal(TftpErrorCode.ACCESS_VIOLATION, "Access violation", e);
    }
  }

  @Override
  public Upload openWrite(String name, long announcedSize, InetAddress client) throws IOException {
    String logical = ServedFiles.logicalName(name);
    if (!writable.test(logical)) {
      throw new Refusal(
          TftpErrorCode.ACCESS_VIOLATION, "Access violation: writing is not allowed here");
    }
    if (announcedSize > maxFileSize) {
      throw FileUpload.tooLarge(maxFileSize);
    }
    Path target = root.resolve(logical);
    Path directory = inside(target.getParent());
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new Refusal(
          TftpErrorCode.ACCESS_VIOLATION, "Access violation: a directory has that name");
    }
    // In the same directory, so that the rename is atomic; the rename replaces a link at the
    // target itself, never what it points to.
    Path temporary = Files.createTempFile(directory, ".", ".tftp-part");
    Path destination = directory.resolve(target.getFileName());
    return new FileUpload(
        temporary,
        maxFileSize,
        complete ->
            Files.move(
                complete,
                destination,
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING),
        () -> {});
  }

  /** The real path of {@code path}, refused unless it exists inside the root. */
  private Path inside(Path path) throws IOException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      throw new Refusal(TftpErrorCode.FILE_NOT_FOUND, "File not found", e);
    } catch (AccessDeniedException e) {
      throw new Refusal(TftpErrorCode.ACCESS_VIOLATION, "Access violation", e);
    }
    if (!real.startsWith(root)) {
      throw new Refusal(
          TftpErrorCode.ACCESS_VIOLATION, "Access violation: outside the served directory");
    }
    return real;
  }
}
