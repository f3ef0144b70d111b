package io.patchbay.transport.mender;

import io.patchbay.testkit.ProcessPeer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Mender client daemon (Debian's mender-client 3.4) in its own data directory, polling a
 * gateway every 2 seconds. The client reads its identity and current artifact from fixed paths
 * (docs/protocol-mender.md, "Testing against the real client"), so each daemon runs in its own
 * mount namespace ({@code unshare -m}, as root) with its own files bind-mounted over those paths,
 * and over the directory its single-file update module installs into ({@link #installed()}).
 * Missing {@code mender} or {@code unshare} fails the test: CI installs mender-client in {@code
 * .ci/run}. Public for the command line's tests.
 */
public final class MenderDevice implements AutoCloseable {

  private static final Path MENDER = Path.of("/usr/bin/mender");

  private final Path home;
  private final ProcessPeer process;

  private MenderDevice(Path home, ProcessPeer process) {
    this.home = home;
    this.process = process;
  }

  /** How a daemon is set up. */
  public static final class Setup {
    private final String mac;
    private String deviceType = "stb";
    private String artifactName = "base-1";
    private Path installTarget;
    private boolean failingInstall;
    private Path verifyKey;

    private Setup(String mac) {
      this.mac = mac;
    }

    /** The directory the artifacts' single-file module installs into, shared by every device. */
    public Setup installsInto(Path target) {
      this.installTarget = target;
      return this;
    }

    /** Its update module fails every install (exit 1, with a line on stderr). */
    public Setup failingInstall() {
      this.failingInstall = true;
      return this;
    }

    /** It installs only artifacts signed by the private half of this public key (PEM). */
    public Setup verifyKey(Path publicKey) {
      this.verifyKey = publicKey;
      return this;
    }
  }

  /** A device whose identity is {@code mac=MAC}. */
  public static Setup withMac(String mac) {
    return new Setup(mac);
  }

  /** Starts the daemon of {@code setup} in {@code home}, pointed at {@code server}. */
  public static MenderDevice start(Path home, Setup setup, URI server) throws IOException {
    ProcessPeer.installed(MENDER, "mender-client");
    if (!"root".equals(System.getProperty("user.name"))) {
      throw new IllegalStateException("The Mender client tests run as root (unshare -m)");
    }
    Files.createDirectories(home.resolve("data"));
    Files.createDirectories(home.resolve("work"));
    Files.createDirectories(home.resolve("installed"));
    Path identity = home.resolve("identity");
    Files.writeString(identity, "#!/bin/sh\necho mac=" + setup.mac + "\n");
    executable(identity);
    Files.writeString(home.resolve("artifact_info"), "artifact_name=" + setup.artifactName + "\n");
    Files.writeString(home.resolve("device_type"), "device_type=" + setup.deviceType + "\n");
    Files.writeString(home.resolve("none.conf"), "{}");
    StringBuilder config =
        new StringBuilder("{\"ServerURL\":\"")
            .append(server)
            .append("\",\"UpdatePollIntervalSeconds\":2,\"InventoryPollIntervalSeconds\":2,")
            .append("\"RetryPollIntervalSeconds\":2,\"DeviceTypeFile\":\"")
            .append(home.resolve("device_type"))
            .append("\",\"ModulesWorkPath\":\"")
            .append(home.resolve("work"))
            .append('"');
    if (setup.failingInstall) {
      Path modules = Files.createDirectories(home.resolve("modules"));
      Path module = modules.resolve("single-file");
      Files.writeString(
          module,
          """
          #!/bin/sh
          case "$1" in
            ArtifactInstall) echo 'patchbay-test: the disk is full' >&2; exit 1 ;;
            SupportsRollback) echo No ;;
            NeedsArtifactReboot) echo No ;;
          esac
          exit 0
          """);
      executable(module);
    }
    if (setup.verifyKey != null) {
      config.append(",\"ArtifactVerifyKey\":\"").append(setup.verifyKey).append('"');
    }
    Files.writeString(home.resolve("mender.conf"), config.append('}').toString());
    List<String> mounts = new ArrayList<>();
    mounts.add(home.resolve("identity") + " /usr/share/mender/identity/mender-device-identity");
    mounts.add(home.resolve("artifact_info") + " /etc/mender/artifact_info");
    if (setup.failingInstall) {
      // The client ignores ModulesPath here: the failing module replaces the stock one instead.
      mounts.add(home.resolve("modules/single-file") + " /usr/share/mender/modules/v3/single-file");
    }
    if (setup.installTarget != null) {
      mounts.add(home.resolve("installed") + " " + setup.installTarget);
    }
    StringBuilder script =
        new StringBuilder("#!/bin/sh\nset -e\n")
            .append("mkdir -p /usr/share/mender/identity /etc/mender\n")
            .append("touch /usr/share/mender/identity/mender-device-identity")
            .append(" /etc/mender/artifact_info\n");
    for (String mount : mounts) {
      script.append("mount --bind ").append(mount).append('\n');
    }
    script
        .append("exec ")
        .append(MENDER)
        .append(" --config ")
        .append(home.resolve("mender.conf"))
        .append(" --fallback-config ")
        .append(home.resolve("none.conf"))
        .append(" --data ")
        .append(home.resolve("data"))
        .append(" --no-syslog daemon\n");
    Path run = home.resolve("run.sh");
    Files.writeString(run, script);
    executable(run);
    ProcessPeer process =
        ProcessPeer.start(
            "mender",
            List.of("unshare", "-m", "--propagation", "private", run.toString()),
            home.resolve("mender.log"));
    return new MenderDevice(home, process);
  }

  /** What its update module installed, under its own copy of the shared install directory. */
  public Path installed() {
    return home.resolve("installed");
  }

  /** Stops the daemon (SIGTERM, then SIGKILL), as a device that is switched off. */
  @Override
  public void close() {
    process.close();
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
