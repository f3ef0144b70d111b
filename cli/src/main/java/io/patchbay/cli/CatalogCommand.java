package io.patchbay.cli;

import io.patchbay.fetch.VerifyingCopy;
import io.patchbay.format.CatalogJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.FileNames;
import io.patchbay.model.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patchbay catalog}: tools for head-end vendors. */
@Command(name = "catalog", description = "Build catalogs for a head end.", subcommands = CatalogCommand.Build.class)
final class CatalogCommand {

  /** {@code patchbay catalog build DIR}: a catalog of every file under a directory. */
  @Command(name = "build", description = "Write a catalog of every file under DIR: sizes, SHA-256 and versions.")
  static final class Build implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The head end's directory of artifacts.")
    Path directory;

    @Option(names = "--versions", paramLabel = "FILE", description = "Lines of NAME VERSION; names are paths under DIR.")
    Path versionsFile;

    @Option(names = "--version", paramLabel = "VERSION", description = "The version of files --versions does not list.")
    String defaultVersion;

    @Option(names = "--scheme", defaultValue = "semver", description = "The version scheme (default ${DEFAULT-VALUE}).")
    String scheme;

    @Option(names = "--serial", paramLabel = "N", description = "The catalog's serial (default: seconds since 1970, so it grows).")
    Long serial;

    @Option(names = "--expires-in", paramLabel = "DURATION", description = "Expiry from now, such as P7D (default: never).")
    Duration expiresIn;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: DIR/catalog.json).")
    Path out;

    @Override
    public Integer call() throws IOException {
      Path target = out != null ? out : directory.resolve("catalog.json");
      Map<String, String> versions = versionsFile == null ? Map.of() : readVersions(versionsFile);
      List<CatalogEntry> entries = new ArrayList<>();
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          String name = directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
          if (file.equals(target) || name.endsWith(".sig") || name.startsWith(".")) {
            continue;
          }
          String version = versions.getOrDefault(name, defaultVersion);
          if (version == null) {
            throw new IllegalArgumentException("No version for " + name + ": list it in --versions or give --version");
          }
          entries.add(entryFor(FileNames.requireValid(name), version, file));
        }
      }
      Instant now = Instant.now();
      Catalog catalog = Catalog.of(serial != null ? serial : now.getEpochSecond(),
          expiresIn == null ? null : now.plus(expiresIn), scheme, entries);
      try (OutputStream output = Files.newOutputStream(target)) {
        CatalogJson.write(catalog, output);
      }
      System.out.printf("Wrote %s: %d files, serial %d%n", target, entries.size(), catalog.serial());
      return ExitCodes.OK;
    }

    private CatalogEntry entryFor(String name, String version, Path file) throws IOException {
      MessageDigest digest = VerifyingCopy.newSha256();
      long size;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        size = in.transferTo(OutputStream.nullOutputStream());
      }
      try {
        URI location = new URI(null, null, name, null);
        return new CatalogEntry(name, version, Sha256.of(digest.digest()), size, location, null, null);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("Cannot make a location of " + name, e);
      }
    }

    private static Map<String, String> readVersions(Path file) throws IOException {
      Map<String, String> versions = new TreeMap<>();
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\\s+");
        if (fields.length != 2) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected NAME VERSION");
        }
        versions.put(fields[0], fields[1]);
      }
      return versions;
    }
  }
}
