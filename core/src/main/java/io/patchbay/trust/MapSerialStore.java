package io.patchbay.trust;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The map behind both serial stores; a change is persisted before it takes effect. */
final class MapSerialStore implements SerialStore {

  /** Makes the whole map durable, or throws and leaves the old state. */
  @FunctionalInterface
  interface Persistence {
    void write(Map<String, Accepted> all) throws IOException;
  }

  private final Map<String, Accepted> known;
  private final Persistence persistence;

  MapSerialStore(Map<String, Accepted> known, Persistence persistence) {
    this.known = known;
    this.persistence = persistence;
  }

  @Override
  public synchronized Optional<Accepted> accepted(String source) {
    return Optional.ofNullable(known.get(source));
  }

  @Override
  public synchronized void accept(String source, Accepted accepted) throws IOException {
    if (source.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("A catalog source must be one line: " + source);
    }
    Map<String, Accepted> updated = new TreeMap<>(known);
    updated.put(source, accepted);
    persistence.write(updated);
    known.put(source, accepted);
  }
}
