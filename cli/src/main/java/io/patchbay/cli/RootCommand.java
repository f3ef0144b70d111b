package io.patchbay.cli;

import io.patchbay.PatchbayException;
import io.patchbay.fetch.Durability;
import io.patchbay.format.FormatException;
import io.patchbay.format.SignatureJson;
import io.patchbay.model.CatalogSignature;
import io.patchbay.model.RepositoryIds;
import io.patchbay.model.SignedRoot;
import io.patchbay.trust.CatalogSigner;
import io.patchbay.trust.Ed25519Keys;
import io.patchbay.trust.RootChain;
import io.patchbay.trust.RootDocument;
import io.patchbay.trust.TrustPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code patchbay catalog root}: the head end's root documents, which name the keys trusted to sign
 * its catalogs (see docs/signing.md). A root directory holds one file per version, {@code
 * N.root.json}, each one signed root document; version {@code N + 1} counts only once signed by the
 * threshold of version {@code N}'s keys and of its own, which may take several people's keys, so a
 * root file is written as soon as it exists and {@code sign} adds to it.
 */
@Command(
    name = "root",
    description = "Create, rotate and sign the root documents that name the catalog signing keys.",
    subcommands = {RootCommand.Init.class, RootCommand.Rotate.class, RootCommand.Sign.class})
final class RootCommand {

  /** How long a root is valid unless told otherwise: long, as every catalog depends on it. */
  private static final String DEFAULT_EXPIRY = "P365D";

  private static final Pattern ROOT_FILE = Pattern.compile("([1-9][0-9]{0,17})\\.root\\.json");

  private RootCommand() {}

  /** The file of root version {@code version} in {@code directory}. */
  static Path fileOf(Path directory, long version) {
    return directory.resolve(version + ".root.json");
  }

  /**
   * The signed roots in {@code directory}, from version 1 without a gap, in version order; each
   * file's name must be its document's version.
   *
   * @throws RootFileException if there are none, one is missing, or a file is not its version
   * @throws FormatException if a file is not a root file, naming it
   */
  static List<SignedRoot> read(Path directory) throws IOException {
    Map<Long, Path> files = new TreeMap<>();
    try (Stream<Path> listing = Files.list(directory)) {
      listing.forEach(
          file -> {
            Matcher name = ROOT_FILE.matcher(file.getFileName().toString());
            if (name.matches()) {
              files.put(Long.parseLong(name.group(1)), file);
            }
          });
    }
    if (files.isEmpty()) {
      throw new RootFileException(directory + " holds no root files (N.root.json); see root init");
    }
    List<SignedRoot> roots = new ArrayList<>();
    long expected = 1;
    for (Map.Entry<Long, Path> file : files.entrySet()) {
      if (file.getKey() != expected) {
        throw new RootFileException(
            directory
                + " has no root version "
                + expected
                + " ("
                + fileOf(directory, expected)
                + ")");
      }
      SignedRoot root = readFile(file.getValue());
      if (document(file.getValue(), root).version() != expected) {
        throw new RootFileException(
            file.getValue() + " holds root version " + document(file.getValue(), root).version());
      }
      roots.add(root);
      expected++;
    }
    return List.copyOf(roots);
  }

  /**
   * The newest root of {@code roots}, read from {@code directory}, once the whole chain is checked
   * as gateways and devices walk it, from the keys of version 1.
   *
   * @throws io.patchbay.trust.TrustException naming the first version that does not follow
   */
  static RootDocument requireValid(Path directory, String repository, List<SignedRoot> roots) {
    Path first = fileOf(directory, 1);
    return RootChain.newest(
        directory.toString(), document(first, roots.get(0)).policy(), repository, roots);
  }

  private static SignedRoot readFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return SignatureJson.readRoot(in);
    } catch (FormatException e) {
      throw e.in(file.toString());
    }
  }

  private static RootDocument document(Path file, SignedRoot root) {
    return RootDocument.parse(file.toString(), root.document());
  }

  private static void write(Path file, SignedRoot root) throws IOException {
    Durability.replaceAtomically(file, out -> SignatureJson.writeRoot(root, out));
  }

  private static List<KeyPair> privateKeys(List<Path> files) throws IOException {
    List<KeyPair> keys = new ArrayList<>();
    for (Path file : files) {
      keys.add(Ed25519Keys.readPrivate(file));
    }
    return keys;
  }

  private static List<PublicKey> publicKeys(List<Path> files) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (Path file : files) {
      keys.add(Ed25519Keys.readPublic(file));
    }
    return keys;
  }

  private static Instant expiresIn(Duration duration) {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(duration);
  }

  /**
   * {@code root} with the signatures of {@code keys} added, each of which must be one of the keys
   * whose signatures count: those of the version before ({@code previous}) or of {@code root}
   * itself.
   */
  private static SignedRoot signed(
      CommandSpec spec,
      SignedRoot root,
      TrustPolicy previous,
      TrustPolicy own,
      List<KeyPair> keys) {
    List<CatalogSignature> signatures = root.signatures();
    for (KeyPair key : keys) {
      String id = Ed25519Keys.keyId(key.getPublic());
      if (!previous.keys().containsKey(id) && !own.keys().containsKey(id)) {
        throw new ParameterException(
            spec.commandLine(),
            "Key "
                + id
                + " is neither one of the previous root's keys nor one of this root's:"
                + " its signature would not count");
      }
      signatures = CatalogSigner.with(signatures, CatalogSigner.sign(root.document(), key));
    }
    return new SignedRoot(root.document(), signatures);
  }

  /**
   * Prints whether the root in {@code file}, the last of {@code chain}, counts yet: if it has the
   * signatures it needs, the chain through it is checked as verifiers walk it; if not, says which
   * signatures it still lacks.
   *
   * @param previous the keys of the version before, or {@code null} for version 1
   */
  private static void report(
      PrintWriter out,
      Path directory,
      Path file,
      RootDocument root,
      TrustPolicy previous,
      List<SignedRoot> chain) {
    Set<String> signers =
        chain.get(chain.size() - 1).signatures().stream()
            .map(CatalogSignature::keyId)
            .collect(Collectors.toSet());
    List<String> missing = new ArrayList<>();
    if (previous != null) {
      missing(signers, previous, "by the keys of version " + (root.version() - 1))
          .ifPresent(missing::add);
    }
    missing(signers, root.policy(), "by its own keys").ifPresent(missing::add);
    if (missing.isEmpty()) {
      requireValid(directory, root.repository(), chain);
      out.printf(
          "Root version %d of %s is complete: %s%n",
          root.version(),
          root.repository(),
          previous == null
              ? "signed by the threshold of its keys"
              : "signed by the threshold of version "
                  + (root.version() - 1)
                  + "'s keys and of its own");
    } else {
      out.printf(
          "Root version %d of %s is not complete: it needs %s%n",
          root.version(), root.repository(), String.join("; and ", missing));
      out.printf(
          "Gateways and devices refuse it until then; add them with: patchbay catalog root sign"
              + " %s --key KEYFILE%n",
          file);
    }
  }

  /** What {@code policy} still lacks among {@code signers}, in words, if anything. */
  private static Optional<String> missing(Set<String> signers, TrustPolicy policy, String whose) {
    List<String> unsigned =
        policy.keys().keySet().stream().filter(id -> !signers.contains(id)).sorted().toList();
    int lacking = policy.threshold() - (policy.keys().size() - unsigned.size());
    if (lacking <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        lacking
            + " more signature(s) "
            + whose
            + " (not yet signed by: "
            + String.join(", ", unsigned)
            + ")");
  }

  /** {@code patchbay catalog root init}: version 1 of a repository's root. */
  @Command(
      name = "init",
      description =
          "Write version 1 of a repository's root (DIR/1.root.json): its keys are those of"
              + " --key and --add-key, and it is signed by each --key.")
  static final class Init implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--repository",
        required = true,
        paramLabel = "ID",
        description = "The repository id its catalogs are signed for.")
    String repository;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "KEYFILE",
        description = "A private key file: its public key is trusted, and it signs (repeatable).")
    List<Path> keys;

    @Option(
        names = "--add-key",
        paramLabel = "PUBFILE",
        description = "A public key trusted too, whose owner signs later (repeatable).")
    List<Path> added = new ArrayList<>();

    @Option(
        names = "--threshold",
        defaultValue = "1",
        paramLabel = "K",
        description = "How many of its keys must sign a catalog (default ${DEFAULT-VALUE}).")
    int threshold;

    @Option(
        names = "--expires-in",
        defaultValue = DEFAULT_EXPIRY,
        paramLabel = "DURATION",
        description =
            "Expiry from now (default ${DEFAULT-VALUE}); a new version must follow by then.")
    Duration expiresIn;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "The root directory, created if missing.")
    Path directory;

    @Override
    public Integer call() throws IOException {
      Path file = fileOf(directory, 1);
      if (Files.exists(file)) {
        throw new RootFileException(
            file + " exists: a repository has one version 1; use root rotate for the next");
      }
      List<KeyPair> signing = privateKeys(keys);
      List<PublicKey> trusted = new ArrayList<>();
      signing.forEach(pair -> trusted.add(pair.getPublic()));
      trusted.addAll(publicKeys(added));
      RootDocument root =
          fromOptions(
              spec,
              () ->
                  new RootDocument(
                      RepositoryIds.requireValid(repository),
                      1,
                      expiresIn(expiresIn),
                      threshold,
                      trusted));
      SignedRoot signed = CatalogSigner.sign(root, signing);
      Files.createDirectories(directory);
      write(file, signed);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Wrote %s: root version 1 of %s, %d key(s), threshold %d, expires %s%n",
          file, repository, trusted.size(), threshold, root.expires());
      report(out, directory, file, root, null, List.of(signed));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * {@code patchbay catalog root rotate}: the next version of the root, from the latest, with keys
   * added or removed.
   */
  @Command(
      name = "rotate",
      description =
          "Write the next root version (DIR/N+1.root.json) from the latest: keys added or removed,"
              + " a new threshold or expiry; signed by each --key.")
  static final class Rotate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--root-dir",
        required = true,
        paramLabel = "DIR",
        description = "The root directory.")
    Path directory;

    @Option(
        names = "--add-key",
        paramLabel = "PUBFILE",
        description = "A public key to trust from this version on (repeatable).")
    List<Path> added = new ArrayList<>();

    @Option(
        names = "--remove-key",
        paramLabel = "PUBFILE",
        description = "A public key to trust no more, such as a stolen one (repeatable).")
    List<Path> removed = new ArrayList<>();

    @Option(
        names = "--threshold",
        paramLabel = "K",
        description = "How many keys must sign (default: as in the latest version).")
    Integer threshold;

    @Option(
        names = "--expires-in",
        defaultValue = DEFAULT_EXPIRY,
        paramLabel = "DURATION",
        description = "Expiry from now (default ${DEFAULT-VALUE}).")
    Duration expiresIn;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "KEYFILE",
        description =
            "A private key that signs the new version: of the latest version's keys or the new"
                + " version's (repeatable).")
    List<Path> keys;

    @Override
    public Integer call() throws IOException {
      List<SignedRoot> chain = read(directory);
      // A rotation from a version that does not count yet would not count either.
      RootDocument latest = requireValid(directory, repositoryOf(chain), chain);
      Map<String, PublicKey> trusted = new LinkedHashMap<>();
      latest.keys().forEach(key -> trusted.put(Ed25519Keys.keyId(key), key));
      for (PublicKey key : publicKeys(removed)) {
        if (trusted.remove(Ed25519Keys.keyId(key)) == null) {
          throw new ParameterException(
              spec.commandLine(),
              "Key "
                  + Ed25519Keys.keyId(key)
                  + " given to --remove-key is not one of root version "
                  + latest.version()
                  + "'s keys");
        }
      }
      for (PublicKey key : publicKeys(added)) {
        if (trusted.put(Ed25519Keys.keyId(key), key) != null) {
          throw new ParameterException(
              spec.commandLine(),
              "Key "
                  + Ed25519Keys.keyId(key)
                  + " given to --add-key is already one of root version "
                  + latest.version()
                  + "'s keys");
        }
      }
      RootDocument next =
          fromOptions(
              spec,
              () ->
                  new RootDocument(
                      latest.repository(),
                      latest.version() + 1,
                      expiresIn(expiresIn),
                      threshold != null ? threshold : latest.threshold(),
                      List.copyOf(trusted.values())));
      SignedRoot signed =
          signed(
              spec,
              new SignedRoot(next.text(), List.of()),
              latest.policy(),
              next.policy(),
              privateKeys(keys));
      Path file = fileOf(directory, next.version());
      write(file, signed);
      List<SignedRoot> through = new ArrayList<>(chain);
      through.add(signed);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Wrote %s: root version %d of %s, %d key(s), threshold %d, expires %s%n",
          file,
          next.version(),
          next.repository(),
          next.keys().size(),
          next.threshold(),
          next.expires());
      report(out, directory, file, next, latest.policy(), through);
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code patchbay catalog root sign FILE --key KEY}: adds signatures to one root version. */
  @Command(
      name = "sign",
      description =
          "Add each key's signature to the root version in FILE (DIR/N.root.json) and say what"
              + " it still lacks.")
  static final class Sign implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A root file, DIR/N.root.json.")
    Path file;

    @Option(
        names = "--key",
        required = true,
        paramLabel = "KEYFILE",
        description =
            "A private key: of the previous version's keys or of this version's (repeatable).")
    List<Path> keys;

    @Override
    public Integer call() throws IOException {
      Path directory = file.toAbsolutePath().getParent();
      List<SignedRoot> chain = read(directory);
      SignedRoot root = readFile(file);
      RootDocument document = document(file, root);
      if (!file.getFileName().equals(fileOf(directory, document.version()).getFileName())) {
        throw new RootFileException(
            file
                + " holds root version "
                + document.version()
                + ", so it must be named "
                + fileOf(directory, document.version()).getFileName());
      }
      List<SignedRoot> before = chain.subList(0, (int) document.version() - 1);
      TrustPolicy previous =
          before.isEmpty() ? null : requireValid(directory, document.repository(), before).policy();
      SignedRoot signed =
          signed(
              spec,
              root,
              previous == null ? document.policy() : previous,
              document.policy(),
              privateKeys(keys));
      write(file, signed);
      List<SignedRoot> through = new ArrayList<>(before);
      through.add(signed);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Wrote %s: %d signature(s)%n", file, signed.signatures().size());
      report(out, directory, file, document, previous, through);
      out.flush();
      return ExitCodes.OK;
    }
  }

  private static String repositoryOf(List<SignedRoot> chain) {
    return RootDocument.parse("root version 1", chain.get(0).document()).repository();
  }

  /** A root made of the command line's values; a value out of range is a usage error. */
  private static RootDocument fromOptions(CommandSpec spec, Supplier<RootDocument> root) {
    try {
      return root.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** A root directory or file that is not what the command needs: named, with why. */
  static final class RootFileException extends PatchbayException {
    RootFileException(String message) {
      super(message);
    }
  }
}
