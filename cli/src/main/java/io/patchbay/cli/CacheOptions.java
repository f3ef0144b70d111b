package io.patchbay.cli;

import io.patchbay.fetch.ArtifactCache;
import io.patchbay.update.UpdateOrchestrator;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The artifact cache of a command that updates clients: {@code --cache DIR --cache-size SIZE}. */
final class CacheOptions {

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description =
          "Keep artifacts in DIR between runs, so that a later or resumed run does not fetch them"
              + " again.")
  Path cache;

  @Option(
      names = "--cache-size",
      defaultValue = "10g",
      paramLabel = "SIZE",
      description = "Cap of the cache (default ${DEFAULT-VALUE}).")
  String cacheSize;

  /** Gives {@code gateway} the cache, if {@code --cache} was given. */
  void applyTo(UpdateOrchestrator.Builder gateway) throws IOException {
    if (cache != null) {
      gateway.artifactStore(ArtifactCache.open(cache, Sizes.parse(cacheSize)));
    }
  }
}
