package io.patchbay.fetch;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * Makes the cache's directories private to the user running the gateway, or refuses them: anyone
 * else who can write there could plant a symbolic link or a file the gateway would then write
 * through or serve. The root must be owned by this user (it may be reached through a link the
 * operator made); the directories under it must be real directories of this user, not links. Each
 * is left with mode 0700 where the file system is POSIX.
 */
final class PrivateDirectories {

  private PrivateDirectories() {}

  /**
   * Creates {@code root} and its {@code parts} if missing, checks their owner and kind, and makes
   * them private.
   *
   * @throws ArtifactCacheException UNSAFE if one is another user's or a link, UNWRITABLE or FULL if
   *     one cannot be created
   */
  static void prepare(Path root, Path... parts) throws IOException {
    UserPrincipal self = currentUser(root);
    requireOwnDirectory(root, root, self, true);
    for (Path part : parts) {
      requireOwnDirectory(root, part, self, false);
    }
  }

  private static void requireOwnDirectory(
      Path root, Path directory, UserPrincipal self, boolean mayBeLink) throws IOException {
    LinkOption[] links =
        mayBeLink ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.exists(directory)) {
      create(root, directory);
    }
    if (!mayBeLink && Files.isSymbolicLink(directory)) {
      throw unsafe(root, directory + " is a symbolic link");
    }
    if (!Files.isDirectory(directory, links)) {
      throw new ArtifactCacheException(
          root,
          ArtifactCacheException.Reason.UNWRITABLE,
          new FileSystemException(directory.toString(), null, "not a directory"));
    }
    PosixFileAttributeView posix =
        Files.getFileAttributeView(directory, PosixFileAttributeView.class, links);
    if (posix == null) {
      return;
    }
    UserPrincipal owner = posix.getOwner();
    if (self != null && !owner.equals(self)) {
      throw unsafe(root, directory + " belongs to " + owner.getName() + ", not " + self.getName());
    }
    posix.setPermissions(PosixFilePermissions.fromString("rwx------"));
  }

  private static void create(Path root, Path directory) throws IOException {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ArtifactCacheException(
          root,
          ArtifactCache.isFull(e)
              ? ArtifactCacheException.Reason.FULL
              : ArtifactCacheException.Reason.UNWRITABLE,
          e);
    }
  }

  /**
   * The user files are created as, learnt from one created in the temporary directory (a user name
   * need not resolve to a principal inside a container); {@code null} where the file system keeps
   * no owners.
   */
  private static UserPrincipal currentUser(Path root) throws IOException {
    Path probe = Files.createTempFile("patchbay-owner-", ".tmp");
    try {
      return root.getFileSystem().supportedFileAttributeViews().contains("posix")
          ? Files.getOwner(probe)
          : null;
    } finally {
      Files.delete(probe);
    }
  }

  private static ArtifactCacheException unsafe(Path root, String why) {
    return new ArtifactCacheException(root, why);
  }
}
