package io.patchbay.cli;

import io.patchbay.campaign.postgres.PostgresCampaignStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where the user and password of a PostgreSQL campaign store come from, for the campaign commands
 * and the gateway alike: a properties file with {@code user} and {@code password} if one is given,
 * or else the environment ({@link #USER_VARIABLE}, {@link #PASSWORD_VARIABLE}), or else the
 * driver's own {@code ~/.pgpass}. Never a command line or a configuration file, which others read.
 */
final class StoreCredentials {

  /** The environment variable with the database user. */
  static final String USER_VARIABLE = "PATCHBAY_STORE_USER";

  /** The environment variable with the database password. */
  static final String PASSWORD_VARIABLE = "PATCHBAY_STORE_PASSWORD";

  private StoreCredentials() {}

  /**
   * Sets the user and password found in {@code builder}, and returns it.
   *
   * @param file the credentials file, or null for the environment
   * @throws IOException if the file cannot be read
   */
  static PostgresCampaignStore.Builder apply(
      PostgresCampaignStore.Builder builder, Path file, UnaryOperator<String> environment)
      throws IOException {
    String user;
    String password;
    if (file != null) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(in);
      } catch (IllegalArgumentException e) {
        throw new IOException("not a properties file: " + e.getMessage(), e);
      }
      user = properties.getProperty("user");
      password = properties.getProperty("password");
    } else {
      user = environment.apply(USER_VARIABLE);
      password = environment.apply(PASSWORD_VARIABLE);
    }
    if (user != null) {
      builder.user(user);
    }
    if (password != null) {
      builder.password(password.toCharArray());
    }
    return builder;
  }
}
