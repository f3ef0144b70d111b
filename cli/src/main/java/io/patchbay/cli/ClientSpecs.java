package io.patchbay.cli;

import io.patchbay.model.Client;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads clients from the command line ({@code [ID=]URI}) and from client files: one client per
 * line, {@code ID URI [attribute=value ...]}, blank lines and {@code #} comments ignored.
 */
final class ClientSpecs {

  private ClientSpecs() {}

  /** A client from {@code [ID=]URI}; without an id, the URI's host and port name it. */
  static Client parse(String spec) {
    int equals = spec.indexOf('=');
    int scheme = spec.indexOf("://");
    if (equals > 0 && (scheme < 0 || equals < scheme)) {
      return Client.of(spec.substring(0, equals), URI.create(spec.substring(equals + 1)));
    }
    URI endpoint = URI.create(spec);
    return Client.of(endpoint.getAuthority() == null ? spec : endpoint.getAuthority(), endpoint);
  }

  /** The clients listed in {@code file}. */
  static List<Client> read(Path file) throws IOException {
    List<Client> clients = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+", -1);
      if (fields.length < 2) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected ID URI [attribute=value ...]");
      }
      Map<String, String> attributes = new HashMap<>();
      for (int f = 2; f < fields.length; f++) {
        String[] pair = fields[f].split("=", 2);
        if (pair.length != 2) {
          throw new IllegalArgumentException(
              file + ":" + (i + 1) + ": expected attribute=value, got " + fields[f]);
        }
        attributes.put(pair[0], pair[1]);
      }
      clients.add(new Client(fields[0], URI.create(fields[1]), attributes));
    }
    return clients;
  }
}
