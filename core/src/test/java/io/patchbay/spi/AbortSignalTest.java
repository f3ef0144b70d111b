package io.patchbay.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AbortSignalTest {

  @Test
  void withoutABoundedCallTheCurrentSignalNeverAborts() {
    AtomicInteger ran = new AtomicInteger();

    AbortSignal.current().onAbort(ran::incrementAndGet);
    AbortSignal.current().abort("no one is listening");

    assertThat(ran).hasValue(0);
    assertThat(AbortSignal.current().isAborted()).isFalse();
  }

  @Test
  void abortingFromAnotherThreadRunsTheActionsRegisteredOnTheCallersThread() throws Exception {
    List<String> ran = new ArrayList<>();
    try (AbortSignal signal = AbortSignal.open()) {
      AbortSignal.current().onAbort(() -> ran.add("close the stream"));
      AbortSignal.current().onAbort(() -> ran.add("cancel the exchange"));

      Thread deadline = new Thread(() -> signal.abort("the step ran out of time"));
      deadline.start();
      deadline.join();

      assertThat(ran).containsExactly("close the stream", "cancel the exchange");
      assertThat(signal.reason()).isEqualTo("the step ran out of time");
    }
  }

  @Test
  void anActionRegisteredAfterTheAbortRunsAtOnceAndEveryActionRunsOnce() {
    AtomicInteger ran = new AtomicInteger();
    try (AbortSignal signal = AbortSignal.open()) {
      signal.onAbort(ran::incrementAndGet);
      signal.abort("first");
      signal.abort("second");

      signal.onAbort(ran::incrementAndGet);

      assertThat(ran).hasValue(2);
      assertThat(signal.reason()).isEqualTo("first");
    }
  }

  @Test
  void aClosedRegistrationOrSignalRunsNothing() {
    AtomicInteger ran = new AtomicInteger();
    AbortSignal signal = AbortSignal.open();
    signal.onAbort(ran::incrementAndGet).close();
    signal.onAbort(ran::incrementAndGet);
    signal.close();

    signal.abort("too late");
    signal.onAbort(ran::incrementAndGet);

    assertThat(ran).hasValue(0);
  }

  @Test
  void closingRestoresTheSignalThatWasCurrentAndAbortingTheOuterAbortsTheInner() {
    AtomicReference<String> innerReason = new AtomicReference<>();
    try (AbortSignal outer = AbortSignal.open()) {
      try (AbortSignal inner = AbortSignal.open()) {
        assertThat(AbortSignal.current()).isSameAs(inner);
        inner.onAbort(() -> innerReason.set(inner.reason()));

        outer.abort("the run was cancelled");
      }
      assertThat(AbortSignal.current()).isSameAs(outer);
    }

    assertThat(innerReason).hasValue("the run was cancelled");
    assertThat(AbortSignal.current().isAborted()).isFalse();
  }
}
