package io.patchbay.transport.mender;

import io.patchbay.PatchbayException;
import io.patchbay.model.DuplicateFileException;
import io.patchbay.model.FileEntry;
import io.patchbay.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mapping between a Mender device's provides and a Patchbay manifest (docs/protocol-mender.md,
 * "Interrogation"): the provides key {@code rootfs-image.NAME.version} is the file {@code NAME},
 * {@code FS.NAME.version} for another file system {@code FS} is the file {@code FS/NAME}, and
 * {@code rootfs-image.version} (a whole root file system) is the file {@code rootfs-image}; each at
 * the key's value as version. Other keys, such as {@code artifact_name}, {@code device_type} and
 * checksums, name no file. Stateless.
 */
final class Provides {

  static final String ROOT_FILE_SYSTEM = "rootfs-image";
  private static final String VERSION = ".version";

  private Provides() {}

  /**
   * The manifest of {@code provides}, in its order.
   *
   * @throws InvalidDeviceReportException if a key maps to an unsafe name or its value is not a
   *     well-formed version
   */
  static Manifest manifest(String deviceId, Map<String, String> provides) {
    List<FileEntry> entries = new ArrayList<>();
    for (Map.Entry<String, String> provide : provides.entrySet()) {
      Optional<String> name = fileName(provide.getKey());
      if (name.isPresent()) {
        try {
          entries.add(FileEntry.of(name.get(), provide.getValue()));
        } catch (PatchbayException e) {
          throw new InvalidDeviceReportException(deviceId, provide.getKey(), e);
        }
      }
    }
    try {
      return Manifest.of(entries);
    } catch (DuplicateFileException e) {
      // Such as rootfs-image.a.version beside a.version: both would be the file a.
      throw new InvalidDeviceReportException(deviceId, e.name(), e);
    }
  }

  /** The file a provides key names, if it names one. */
  static Optional<String> fileName(String key) {
    if (!key.endsWith(VERSION)) {
      return Optional.empty();
    }
    String stem = key.substring(0, key.length() - VERSION.length());
    int dot = stem.indexOf('.');
    if (dot < 0) {
      // A whole file system: rootfs-image.version.
      return stem.isEmpty() ? Optional.empty() : Optional.of(stem);
    }
    String fileSystem = stem.substring(0, dot);
    String software = stem.substring(dot + 1);
    if (fileSystem.isEmpty() || software.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        fileSystem.equals(ROOT_FILE_SYSTEM) ? software : fileSystem + "/" + software);
  }
}
