package io.patchbay.cli;

import picocli.CommandLine.Command;

/**
 * {@code patchbay campaign}: the library's campaigns ({@link io.patchbay.campaign.Campaign}) from
 * the command line; without a subcommand, a usage error. {@code run} starts a campaign with a new
 * journal (or starts or joins one in a {@code --store} database), {@code resume} continues the one
 * a journal or database holds, {@code status} reads it, {@code control} pauses, resumes or cancels
 * every gateway of a database's campaign.
 */
@Command(
    name = "campaign",
    description =
        "Roll the head end's catalog out over a fleet in waves, with a journal to resume from.",
    subcommands = {
      CampaignCommand.Run.class,
      CampaignCommand.Resume.class,
      CampaignStatusCommand.class,
      CampaignControlCommand.class
    })
final class CampaignCommand {

  private CampaignCommand() {}

  /** {@code patchbay campaign run}: a new campaign; refuses a journal that holds one already. */
  @Command(
      name = "run",
      description = {
        "Start a campaign: clients in waves (a canary first), inside their maintenance windows,"
            + " every step journaled before it is acted on.",
        "Refuses a journal that already holds a campaign: continue that one with `campaign"
            + " resume`, or give a new --journal."
      })
  static final class Run extends CampaignRun {
    Run() {
      super(false);
    }
  }

  /** {@code patchbay campaign resume}: continues the campaign a journal holds. */
  @Command(
      name = "resume",
      description = {
        "Continue the campaign the journal holds, after a crash, a kill or a halt: finished"
            + " clients are not touched again, clients in flight are interrogated again.",
        "Takes the same options as `campaign run`; the journal must hold a campaign for the"
            + " catalog the head end serves now. A campaign the journal says is over is reported"
            + " again without contacting any client."
      })
  static final class Resume extends CampaignRun {
    Resume() {
      super(true);
    }
  }
}
