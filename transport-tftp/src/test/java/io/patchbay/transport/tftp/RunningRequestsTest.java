package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of {@link RunningRequests}, step by step in the order a transfer's thread reports
 * them: the orders the network tests cannot pin down (RepeatedRequestsTest has the real sockets).
 */
class RunningRequestsTest {

  private static final InetSocketAddress CLIENT =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 40_000);
  private static final Packet.Request READ =
      new Packet.Request(false, "f.bin", TftpMode.OCTET, Map.of());

  private final List<Packet.Request> released = new ArrayList<>();
  private final RunningRequests running =
      new RunningRequests((client, request) -> released.add(request));

  @Test
  void
      anIdenticalRequestIsHeldWhileTheClientHasNotAnsweredAndARepeatIfTheSocketIsEmptyAfterwards() {
    RunningRequests.Entry transfer = running.admit(CLIENT, READ);

    assertThat(running.admit(CLIENT, READ)).isNull();
    transfer.nothingWaiting(transfer.reading());
    transfer.heard();

    assertThat(released).isEmpty();
  }

  @Test
  void anIdenticalRequestHeldAfterTheReadBeganIsNotJudgedByThatRead() {
    RunningRequests.Entry transfer = running.admit(CLIENT, READ);
    long mark = transfer.reading();

    running.admit(CLIENT, READ);
    transfer.nothingWaiting(mark);
    transfer.heard();

    assertThat(released).containsExactly(READ);
  }

  @Test
  void aHeldRequestIsNewIfTheClientAnsweredBeforeTheTransferLookedAgain() {
    RunningRequests.Entry transfer = running.admit(CLIENT, READ);
    running.admit(CLIENT, READ);

    transfer.heard();

    assertThat(released).containsExactly(READ);
    assertThat(running.admit(CLIENT, READ))
        .as("admitted again, as the released request is")
        .isNotNull();
  }

  @Test
  void anIdenticalRequestAfterTheClientAnsweredIsANewTransfer() {
    RunningRequests.Entry transfer = running.admit(CLIENT, READ);
    transfer.heard();

    assertThat(running.admit(CLIENT, READ)).isNotNull().isNotSameAs(transfer);
  }

  @Test
  void anIdenticalRequestAfterTheTransferEndedOrBeganItsErrorIsANewTransfer() {
    RunningRequests.Entry refused = running.admit(CLIENT, READ);
    refused.ending();
    RunningRequests.Entry next = running.admit(CLIENT, READ);
    next.end();

    assertThat(next).isNotNull().isNotSameAs(refused);
    assertThat(running.admit(CLIENT, READ)).isNotNull().isNotSameAs(next);
  }

  @Test
  void aRequestHeldBeforeTheTransferEndedUnansweredIsARepeat() {
    RunningRequests.Entry transfer = running.admit(CLIENT, READ);
    running.admit(CLIENT, READ);

    transfer.end();

    assertThat(released).isEmpty();
  }

  @Test
  void anotherRequestOrAnotherPortIsANewTransferWhileTheFirstRuns() {
    running.admit(CLIENT, READ);

    assertThat(running.admit(CLIENT, new Packet.Request(true, "f.bin", TftpMode.OCTET, Map.of())))
        .isNotNull();
    assertThat(running.admit(CLIENT, new Packet.Request(false, "g.bin", TftpMode.OCTET, Map.of())))
        .isNotNull();
    assertThat(
            running.admit(CLIENT, new Packet.Request(false, "f.bin", TftpMode.NETASCII, Map.of())))
        .isNotNull();
    assertThat(
            running.admit(
                CLIENT,
                new Packet.Request(false, "f.bin", TftpMode.OCTET, Map.of("blksize", "1428"))))
        .isNotNull();
    assertThat(running.admit(new InetSocketAddress(CLIENT.getAddress(), 40_001), READ)).isNotNull();
  }
}
