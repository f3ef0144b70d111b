package io.patchbay.cli;

import io.patchbay.campaign.CampaignState;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code patchbay campaign control pause|resume|cancel}: gives every gateway running a campaign in
 * a {@code --store} database a command, as {@link io.patchbay.campaign.Campaign#pause()} and its
 * siblings do from one of them. Each gateway obeys at its next lease renewal (a third of the lease
 * duration). A journal's campaign has one gateway, controlled where it runs.
 */
@Command(
    name = "control",
    description = {
      "Pause, resume or cancel every gateway running the campaign in a --store database.",
      "Each obeys within a third of its lease duration; resume also lifts a cancel, so that"
          + " `campaign resume` can continue the campaign."
    })
final class CampaignControlCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "COMMAND",
      description = "pause, resume or cancel.",
      converter = CommandConverter.class)
  CampaignState.Command command;

  @Mixin CampaignStoreOptions state;

  @Override
  public Integer call() throws Exception {
    state.check();
    if (!state.shared()) {
      throw new ParameterException(
          spec.commandLine(), "campaign control works on a --store database's campaign");
    }
    state.database().command(command);
    PrintWriter out = spec.commandLine().getOut();
    out.println(state.describe() + ": " + command.name().toLowerCase(Locale.ROOT));
    out.flush();
    return ExitCodes.OK;
  }

  /** Reads the command in lower case, as it is typed. */
  static final class CommandConverter implements ITypeConverter<CampaignState.Command> {
    @Override
    public CampaignState.Command convert(String value) {
      return switch (value) {
        case "pause" -> CampaignState.Command.PAUSE;
        case "resume" -> CampaignState.Command.RESUME;
        case "cancel" -> CampaignState.Command.CANCEL;
        default -> throw new TypeConversionException("not pause, resume or cancel: " + value);
      };
    }
  }
}
