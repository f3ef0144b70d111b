package io.patchbay.cli;

import io.patchbay.fetch.Durability;
import io.patchbay.fetch.VerifyingCopy;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.FileNames;
import io.patchbay.model.Sha256;
import io.patchbay.trust.CatalogSigner;
import io.patchbay.trust.Ed25519Keys;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.KeyPair;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code patchbay catalog}: tools for head-end vendors. */
@Command(name = "catalog", description = "Build, sign and verify catalogs for a head end.",
    subcommands = {CatalogCommand.Build.class, CatalogCommand.Keygen.class, CatalogCommand.Sign.class,
        CatalogCommand.Verify.class})
final class CatalogCommand {

  /** Where the signatures of {@code catalog} are kept: beside it, with {@code .sig} appended. */
  private static Path signatureFileOf(Path catalog) {
    return Path.of(catalog + ".sig");
  }

  private static List<CatalogSignature> readSignatures(Path catalog) throws IOException {
    try (InputStream in = Files.newInputStream(signatureFileOf(catalog))) {
      return SignatureJson.read(in);
    }
  }

  /** {@code patchbay catalog keygen}: a new Ed25519 signing key pair. */
  @Command(name = "keygen", description = "Generate an Ed25519 key pair for signing catalogs: NAME.key (keep it secret) and NAME.pub.")
  static final class Keygen implements Callable<Integer> {

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "Where to write the files (default: here).")
    Path directory;

    @Option(names = "--name", defaultValue = "catalog-signing", paramLabel = "NAME", description = "The files' name (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws IOException {
      KeyPair pair = Ed25519Keys.generate();
      Files.createDirectories(directory);
      Path secret = directory.resolve(name + ".key");
      Path shared = directory.resolve(name + ".pub");
      Ed25519Keys.writePrivate(pair, secret);
      Ed25519Keys.writePublic(pair.getPublic(), shared);
      System.out.printf("Wrote %s and %s; key id %s%n", secret, shared, Ed25519Keys.keyId(pair.getPublic()));
      return ExitCodes.OK;
    }
  }

  /** {@code patchbay catalog sign CATALOG --key KEY}: adds signatures to the catalog's signature file. */
  @Command(name = "sign", description = "Sign CATALOG with each key, adding to (or creating) CATALOG.sig.")
  static final class Sign implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CATALOG", description = "The catalog file, exactly as the head end serves it.")
    Path catalog;

    @Option(names = "--key", required = true, paramLabel = "KEYFILE", description = "A private key file from keygen (repeatable).")
    List<Path> keys;

    @Override
    public Integer call() throws IOException {
      Path signatureFile = signatureFileOf(catalog);
      List<CatalogSignature> signatures = Files.exists(signatureFile) ? readSignatures(catalog) : List.of();
      for (Path key : keys) {
        try (InputStream in = Files.newInputStream(catalog)) {
          CatalogSignature signature = CatalogSigner.sign(in, Ed25519Keys.readPrivate(key));
          signatures = CatalogSigner.with(signatures, signature);
          System.out.printf("Signed %s with key %s%n", catalog, signature.keyId());
        }
      }
      List<CatalogSignature> all = signatures;
      Durability.replaceAtomically(signatureFile, out -> SignatureJson.write(all, out));
      System.out.printf("Wrote %s: %d signature(s)%n", signatureFile, all.size());
      return ExitCodes.OK;
    }
  }

  /** {@code patchbay catalog verify CATALOG --trust PUB}: checks a catalog file as a gateway would. */
  @Command(name = "verify", description = "Check CATALOG and CATALOG.sig as a gateway with these trusted keys would.")
  static final class Verify implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CATALOG", description = "The catalog file; its signatures are in CATALOG.sig.")
    Path catalog;

    @Mixin
    TrustOptions trust;

    @Override
    public Integer call() throws IOException {
      if (!trust.enabled()) {
        throw new IllegalArgumentException("Give at least one trusted key with --trust");
      }
      List<CatalogSignature> signatures = readSignatures(catalog);
      try (InputStream in = Files.newInputStream(catalog)) {
        Catalog verified = trust.verifier().verify(catalog.toAbsolutePath().toUri().toString(), in, signatures);
        System.out.printf("%s is trusted: serial %d, %d files%s%n", catalog, verified.serial(), verified.files().size(),
            verified.expires() == null ? "" : ", expires " + verified.expires());
      }
      return ExitCodes.OK;
    }
  }

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
