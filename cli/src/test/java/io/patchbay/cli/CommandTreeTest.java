package io.patchbay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command and subcommand, found by walking the command tree, behaves alike on the command
 * line.
 */
class CommandTreeTest {

  /** The path of words to every command, the root's empty one first. */
  static List<List<String>> everyCommand() {
    List<List<String>> paths = new ArrayList<>();
    walk(
        Patchbay.commandLine(
            () -> {
              throw new AssertionError("help needs no transports");
            }),
        List.of(),
        paths);
    return paths;
  }

  private static void walk(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
      List<String> deeper = new ArrayList<>(path);
      deeper.add(sub.getKey());
      walk(sub.getValue(), deeper, paths);
    }
  }

  @Test
  void theWalkFindsTheNestedSubcommands() {
    assertThat(everyCommand())
        .contains(
            List.of("plan"),
            List.of("catalog", "keygen"),
            List.of("catalog", "build"),
            List.of("help"));
  }

  @ParameterizedTest
  @MethodSource("everyCommand")
  void answersHelpWithItsUsageAndTheExitCodesAndExitsZero(List<String> command) {
    CommandRun.Result help = CommandRun.run(CommandRun.concat(command, "--help"));

    assertThat(help.exitCode()).as(help.output()).isZero();
    assertThat(help.out()).contains("Usage: " + String.join(" ", concatRoot(command)));
    assertThat(help.out())
        .contains(
            "Exit codes:",
            "3   the command could not run",
            "4   nothing failed, but a client reports");
    assertThat(help.err()).isEmpty();
  }

  /**
   * Every command but picocli's own {@code help}, which takes any word as the name of a command to
   * describe.
   */
  static List<List<String>> everyCommandOfOurs() {
    return everyCommand().stream().filter(path -> !path.equals(List.of("help"))).toList();
  }

  @ParameterizedTest
  @MethodSource("everyCommandOfOurs")
  void refusesAnUnknownOptionWithUsageExitCode(List<String> command) {
    CommandRun.Result wrong = CommandRun.run(CommandRun.concat(command, "--no-such-option"));

    // A command with required options may name those first; either way the usage follows.
    assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("Usage: " + String.join(" ", concatRoot(command)));
  }

  /** Command lines that parse, but that a command finds wrong once it looks at the values. */
  static List<List<String>> wrongCommandLines() {
    return List.of(
        List.of("plan", "--catalog", "http://127.0.0.1:1/catalog.json"),
        List.of(
            "update",
            "--catalog",
            "http://127.0.0.1:1/catalog.json",
            "--client",
            "stb=http://bad host"),
        List.of("catalog", "verify", "catalog.json"),
        List.of("catalog", "build", ".", "--scheme", "bogus"),
        List.of("demo", "--clients", "0", "--tftp-clients", "0"),
        List.of("device", "ftp", "--dir", "."));
  }

  @ParameterizedTest
  @MethodSource("wrongCommandLines")
  void aValueACommandFindsWrongIsAUsageErrorToo(List<String> commandLine) {
    CommandRun.Result wrong = CommandRun.run(commandLine.toArray());

    assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("Usage: patchbay " + commandLine.get(0));
  }

  @Test
  void catalogWithoutASubcommandIsAUsageError() {
    CommandRun.Result bare = CommandRun.run("catalog");

    assertThat(bare.exitCode()).as(bare.output()).isEqualTo(ExitCodes.USAGE);
    assertThat(bare.err()).contains("Missing required subcommand", "keygen");
  }

  private static List<String> concatRoot(List<String> command) {
    List<String> words = new ArrayList<>(List.of("patchbay"));
    words.addAll(command);
    return words;
  }
}
