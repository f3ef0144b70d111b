package io.patchbay.cli;

import io.patchbay.PatchbayException;
import io.patchbay.fetch.Durability;
import io.patchbay.format.CatalogJson;
import io.patchbay.format.FormatException;
import io.patchbay.format.JsonLimits;
import io.patchbay.format.SignatureJson;
import io.patchbay.internal.fetch.VerifyingCopy;
import io.patchbay.model.Catalog;
import io.patchbay.model.CatalogEntry;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.FileNames;
import io.patchbay.model.InvalidCatalogException;
import io.patchbay.model.RepositoryIds;
import io.patchbay.model.Sha256;
import io.patchbay.model.SignedStatement;
import io.patchbay.trust.CatalogSigner;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.SerialStore;
import io.patchbay.version.UnknownVersionSchemeException;
import io.patchbay.version.VersionSchemes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code patchbay catalog}: tools for head-end vendors; without a subcommand, a usage error. */
@Command(
    name = "catalog",
    description = "Build, sign and verify catalogs for a head end.",
    subcommands = {
      CatalogCommand.Build.class,
      CatalogCommand.Keygen.class,
      CatalogCommand.Sign.class,
      CatalogCommand.Verify.class
    })
final class CatalogCommand {

  /** The schemes gateways know unless their operators add others; a catalog must keep to them. */
  private static final VersionSchemes SCHEMES = VersionSchemes.defaults();

  /** The catalog's name in a head end's directory, where {@code build} writes it by default. */
  static final String CATALOG_FILE = "catalog.json";

  /** Where the signatures of {@code catalog} are kept: beside it, with {@code .sig} appended. */
  private static Path signatureFileOf(Path catalog) {
    return Path.of(catalog + ".sig");
  }

  /** The signatures of {@code catalog}; a malformed signature file is named in the error. */
  private static SignedStatement readSignatures(Path catalog) throws IOException {
    Path file = signatureFileOf(catalog);
    try (InputStream in = Files.newInputStream(file)) {
      return SignatureJson.read(in);
    } catch (FormatException e) {
      throw e.in(file.toString());
    }
  }

  /** {@code patchbay catalog keygen}: a new Ed25519 signing key pair. */
  @Command(
      name = "keygen",
      description =
          "Generate an Ed25519 key pair for signing catalogs: NAME.key (keep it secret) and NAME.pub.")
  static final class Keygen implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        defaultValue = ".",
        paramLabel = "DIR",
        description = "Where to write the files (default: here).")
    Path directory;

    @Option(
        names = "--name",
        defaultValue = "catalog-signing",
        paramLabel = "NAME",
        description = "The files' name (default ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws IOException {
      KeyPair pair = Ed25519Keys.generate();
      Files.createDirectories(directory);
      Path secret = directory.resolve(name + ".key");
      Path shared = directory.resolve(name + ".pub");
      Ed25519Keys.writePrivate(pair, secret);
      Ed25519Keys.writePublic(pair.getPublic(), shared);
      spec.commandLine()
          .getOut()
          .printf(
              "Wrote %s and %s; key id %s%n", secret, shared, Ed25519Keys.keyId(pair.getPublic()))
          .flush();
      return ExitCodes.OK;
    }
  }

  /**
   * {@code patchbay catalog sign CATALOG --key KEY}: adds signatures to the catalog's signature
   * file.
   */
  @Command(
      name = "sign",
      description = "Sign CATALOG with each key, adding to (or creating) CATALOG.sig.")
  static final class Sign implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "CATALOG",
        description = "The catalog file, exactly as the head end serves it.")
    Path catalog;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "KEYFILE",
        description = "A private key file from keygen (repeatable).")
    List<Path> keys;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      Path signatureFile = signatureFileOf(catalog);
      List<KeyPair> pairs = new ArrayList<>();
      for (Path key : keys) {
        pairs.add(Ed25519Keys.readPrivate(key));
      }
      Optional<SignedStatement> earlier =
          Files.exists(signatureFile) ? Optional.of(readSignatures(catalog)) : Optional.empty();
      String statement;
      try (InputStream in = Files.newInputStream(catalog)) {
        statement = CatalogSigner.statement(in, JsonLimits.defaults()).text();
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), catalog + ": " + e.getMessage());
      }
      // Signatures over another statement (an earlier version of the catalog) are void now.
      List<CatalogSignature> signatures =
          earlier
              .filter(file -> file.statement().equals(statement))
              .map(SignedStatement::signatures)
              .orElse(List.of());
      for (KeyPair pair : pairs) {
        CatalogSignature signature = CatalogSigner.sign(statement, pair);
        signatures = CatalogSigner.with(signatures, signature);
        out.printf("Signed %s with key %s%n", catalog, signature.keyId());
      }
      SignedStatement signed =
          new SignedStatement(
              statement, signatures, earlier.map(SignedStatement::roots).orElse(List.of()));
      Durability.replaceAtomically(signatureFile, file -> SignatureJson.write(signed, file));
      out.printf("Wrote %s: %d signature(s)%n", signatureFile, signatures.size()).flush();
      return ExitCodes.OK;
    }
  }

  /**
   * {@code patchbay catalog verify CATALOG --trust PUB}: checks a catalog file as a gateway would:
   * signatures, expiry, serial, and the versions in their schemes.
   */
  @Command(
      name = "verify",
      description = "Check CATALOG and CATALOG.sig as a gateway with these trusted keys would.")
  static final class Verify implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "CATALOG",
        description = "The catalog file; its signatures are in CATALOG.sig.")
    Path catalog;

    @Mixin TrustOptions trust;

    @Override
    public Integer call() throws IOException {
      if (!trust.enabled()) {
        throw new ParameterException(
            spec.commandLine(), "Give at least one trusted key with --trust");
      }
      SignedStatement signatures = readSignatures(catalog);
      try (InputStream in = Files.newInputStream(catalog)) {
        Catalog verified =
            trust
                // Checking a file on the head end side remembers nothing.
                .verifier(SerialStore.inMemory())
                .verify(catalog.toAbsolutePath().toUri().toString(), in, signatures);
        List<PatchbayException> problems = verified.versionProblems(SCHEMES);
        if (!problems.isEmpty()) {
          throw new InvalidCatalogException(catalog.toString(), problems);
        }
        spec.commandLine()
            .getOut()
            .printf(
                "%s is trusted: serial %d, %d files%s%n",
                catalog,
                verified.serial(),
                verified.files().size(),
                verified.expires() == null ? "" : ", expires " + verified.expires())
            .flush();
      } catch (FormatException e) {
        throw e.in(catalog.toString());
      }
      return ExitCodes.OK;
    }
  }

  /**
   * {@code patchbay catalog build DIR}: a catalog of every file under a directory, checked with the
   * rules gateways apply before it is written: a catalog a gateway would refuse is never written,
   * and every problem is reported, not just the first.
   */
  @Command(
      name = "build",
      description = "Write a catalog of every file under DIR: sizes, SHA-256 and versions.",
      // --version names the files' version here, so of the standard options only --help is
      // inherited.
      mixinStandardHelpOptions = false)
  static final class Build implements Callable<Integer> {

    @Option(
        names = {"-h", "--help"},
        usageHelp = true,
        description = "Show this help message and exit.")
    boolean help;

    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "DIR",
        description = "The head end's directory of artifacts.")
    Path directory;

    @Option(
        names = "--versions",
        paramLabel = "FILE",
        description = "Lines of NAME VERSION; names are paths under DIR.")
    Path versionsFile;

    @Option(
        names = "--version",
        paramLabel = "VERSION",
        description = "The version of files --versions does not list.")
    String defaultVersion;

    @Option(
        names = "--scheme",
        defaultValue = VersionSchemes.DEFAULT_SCHEME,
        paramLabel = "SCHEME",
        description = "The version scheme: semver, debian or natural (default ${DEFAULT-VALUE}).")
    String scheme;

    @Option(
        names = "--repository",
        paramLabel = "ID",
        description =
            "The repository id the catalog is published for, which its signature binds it to"
                + " (required to sign it).")
    String repository;

    @Option(
        names = "--serial",
        paramLabel = "N",
        description = "The catalog's serial (default: seconds since 1970, so it grows).")
    Long serial;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        description = "Expiry from now, such as P7D (default: never).")
    Duration expiresIn;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Where to write it (default: DIR/" + CATALOG_FILE + ").")
    Path out;

    @Override
    public Integer call() throws IOException {
      try {
        SCHEMES.get(scheme);
      } catch (UnknownVersionSchemeException e) {
        throw new ParameterException(
            spec.commandLine(), "Invalid value for option '--scheme': " + e.getMessage());
      }
      Path target = out != null ? out : directory.resolve(CATALOG_FILE);
      Map<String, String> versions = versionsFile == null ? Map.of() : readVersions(versionsFile);
      List<CatalogEntry> entries = new ArrayList<>();
      List<PatchbayException> problems = new ArrayList<>();
      for (Path file : artifacts(target)) {
        String name =
            directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        String version = versions.getOrDefault(name, defaultVersion);
        try {
          // Checked before the file is read: an artifact with a name gateways refuse is not hashed.
          FileNames.requireValid(name);
          if (version == null) {
            throw new MissingVersionException(name);
          }
          entries.add(entryFor(name, version, file));
        } catch (PatchbayException e) {
          problems.add(e);
        }
      }
      Instant now = Instant.now();
      Catalog catalog =
          Catalog.of(
              serial != null ? serial : now.getEpochSecond(),
              expiresIn == null ? null : now.plus(expiresIn),
              scheme,
              entries);
      if (repository != null) {
        catalog = catalog.withRepository(RepositoryIds.requireValid(repository));
      }
      problems.addAll(catalog.versionProblems(SCHEMES));
      if (!problems.isEmpty()) {
        throw new InvalidCatalogException(target.toString(), problems);
      }
      byte[] document = asGatewaysReadIt(catalog);
      Durability.replaceAtomically(target, output -> output.write(document));
      spec.commandLine()
          .getOut()
          .printf("Wrote %s: %d files, serial %d%n", target, entries.size(), catalog.serial())
          .flush();
      return ExitCodes.OK;
    }

    /**
     * The files under the directory that are artifacts, in name order: not the catalog being
     * written, not the directory's own catalog (which a head end serves beside its artifacts), not
     * signature files or hidden files.
     */
    private List<Path> artifacts(Path target) throws IOException {
      Path ownCatalog = directory.resolve(CATALOG_FILE).toAbsolutePath().normalize();
      Path written = target.toAbsolutePath().normalize();
      try (Stream<Path> files = Files.walk(directory)) {
        return files
            .filter(Files::isRegularFile)
            .sorted()
            .filter(
                file -> {
                  Path absolute = file.toAbsolutePath().normalize();
                  String name = file.getFileName().toString();
                  return !absolute.equals(written)
                      && !absolute.equals(ownCatalog)
                      && !name.endsWith(".sig")
                      && !directory.relativize(file).toString().startsWith(".");
                })
            .toList();
      }
    }

    /**
     * The catalog's document, read back with the gateways' reader, so what they refuse is never
     * written.
     */
    private static byte[] asGatewaysReadIt(Catalog catalog) throws IOException {
      ByteArrayOutputStream document = new ByteArrayOutputStream();
      CatalogJson.write(catalog, document);
      CatalogJson.read(new ByteArrayInputStream(document.toByteArray()));
      return document.toByteArray();
    }

    private CatalogEntry entryFor(String name, String version, Path file) throws IOException {
      MessageDigest digest = VerifyingCopy.newSha256();
      long size;
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
        size = in.transferTo(OutputStream.nullOutputStream());
      }
      try {
        URI location = new URI(null, null, name, null);
        return new CatalogEntry(
            name, version, Sha256.of(digest.digest()), size, location, null, null);
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
        String[] fields = line.split("\\s+", -1);
        if (fields.length != 2) {
          throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected NAME VERSION");
        }
        versions.put(fields[0], fields[1]);
      }
      return versions;
    }
  }

  /**
   * A file under the directory that neither {@code --versions} nor {@code --version} gives a
   * version.
   */
  static final class MissingVersionException extends PatchbayException {
    MissingVersionException(String name) {
      super("No version for " + name + ": list it in --versions or give --version");
    }
  }
}
