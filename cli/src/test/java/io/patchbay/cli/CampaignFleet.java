package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.patchbay.device.DeviceTrust;
import io.patchbay.transport.http.HttpDeviceAgent;
import io.patchbay.transport.http.StaticHeadEnd;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet of the campaign commands' tests, in one directory: a head end publishing {@code
 * bin/player} 2.0.0, and three HTTP devices, {@code a}, {@code b} and {@code c}, each keeping its
 * files in the directory of its id, listed in {@code clients.csv} in the group {@code
 * living-rooms}.
 */
final class CampaignFleet implements AutoCloseable {

  /** The devices' ids, in the order of the clients file. */
  static final List<String> IDS = List.of("a", "b", "c");

  private final Path work;
  private final StaticHeadEnd headEnd;
  private final List<HttpDeviceAgent> devices;
  private final Path clients;

  private CampaignFleet(
      Path work, StaticHeadEnd headEnd, List<HttpDeviceAgent> devices, Path clients) {
    this.work = work;
    this.headEnd = headEnd;
    this.devices = devices;
    this.clients = clients;
  }

  /** Builds the catalog and starts the head end and the devices, under {@code work}. */
  static CampaignFleet start(Path work) throws IOException {
    Path published = Files.createDirectories(work.resolve("head-end/bin"));
    Files.writeString(published.resolve("player"), "player 2.0.0");
    CommandRun.buildCatalog(work.resolve("head-end"), "2.0.0");
    StaticHeadEnd headEnd = StaticHeadEnd.start(work.resolve("head-end"));
    List<HttpDeviceAgent> devices = new ArrayList<>();
    StringBuilder csv = new StringBuilder("id,endpoint,group\n");
    for (String id : IDS) {
      HttpDeviceAgent device =
          HttpDeviceAgent.builder(work.resolve(id), DeviceTrust.insecure()).start();
      devices.add(device);
      csv.append(id).append(',').append(device.endpoint()).append(",living-rooms\n");
    }
    Path clients = Files.writeString(work.resolve("clients.csv"), csv, StandardCharsets.UTF_8);
    return new CampaignFleet(work, headEnd, devices, clients);
  }

  /** The head end's catalog. */
  URI catalog() {
    return headEnd.uri("catalog.json");
  }

  /** The clients file. */
  Path clients() {
    return clients;
  }

  /** The command line {@code campaign COMMAND} over this fleet's catalog, unsigned, and clients. */
  List<Object> campaign(String command) {
    return List.of(
        "campaign", command, "--allow-unsigned", "--catalog", catalog(), "--clients", clients);
  }

  /** The endpoint of device {@code a}. */
  URI firstEndpoint() {
    return devices.get(0).endpoint();
  }

  /** Asserts that every device holds the published player. */
  void assertEveryDeviceUpdated() {
    for (String id : IDS) {
      assertThat(work.resolve(id).resolve("bin/player")).hasContent("player 2.0.0");
    }
  }

  @Override
  public void close() {
    devices.forEach(HttpDeviceAgent::close);
    headEnd.close();
  }
}
