package io.patchbay.spi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Lets whoever bounds a blocking call, such as the orchestrator's step deadline, stop the I/O it
 * blocks in from another thread, where an interrupt would not.
 *
 * <p>Why interrupts are not enough: JDK 17's {@code HttpClient} swallows an interrupt of a thread
 * blocked reading a response body and reads on, and other libraries do likewise. So the deadline
 * interrupts the step's thread <em>and</em> aborts the step's signal, and a transport registers,
 * for each blocking operation, an action that makes it fail at once: close the stream or socket,
 * cancel the exchange. The transport then reports an abort as it would an interrupt, with an {@link
 * java.io.InterruptedIOException}.
 *
 * <p>A signal belongs to the thread that {@linkplain #open() opened} it; code called on that thread
 * finds it with {@link #current()}, and may use it from any thread, such as a transport's own.
 * Actions run on the aborting thread, so they must be quick and must not block. Aborting a signal
 * aborts the signals opened inside it on the same thread. Thread-safe.
 */
public final class AbortSignal implements AutoCloseable {

  private static final ThreadLocal<AbortSignal> CURRENT = new ThreadLocal<>();

  /** Stands in when no call is bounded: it never aborts. */
  private static final AbortSignal NEVER = new AbortSignal(null);

  private final AbortSignal outer;
  private Registration link = Registration.NONE;
  private final Set<Registration> registered = new LinkedHashSet<>();
  private String reason;
  private boolean closed;

  private AbortSignal(AbortSignal outer) {
    this.outer = outer;
  }

  /**
   * The signal of the bounded call running on this thread, or one that never aborts. A transport
   * takes it before it blocks, on the caller's thread.
   */
  public static AbortSignal current() {
    AbortSignal signal = CURRENT.get();
    return signal == null ? NEVER : signal;
  }

  /**
   * Opens a signal for a bounded call on this thread; it is {@link #current()} until closed. The
   * caller closes it on this thread when the call returns.
   */
  public static AbortSignal open() {
    AbortSignal outer = current();
    AbortSignal signal = new AbortSignal(outer);
    signal.link = outer.onAbort(() -> signal.abort(outer.reason()));
    CURRENT.set(signal);
    return signal;
  }

  /**
   * Registers {@code action} to run when this signal is aborted; if it already was, runs it at
   * once, on this thread. Once the signal is closed, the action never runs. Close the returned
   * registration when the operation ends, so a finished operation is not aborted.
   */
  public Registration onAbort(Runnable action) {
    Objects.requireNonNull(action);
    if (this == NEVER) {
      return Registration.NONE;
    }
    Registration registration = new Registration(this, action);
    synchronized (this) {
      if (closed) {
        return Registration.NONE;
      }
      if (reason == null) {
        registered.add(registration);
        return registration;
      }
    }
    action.run();
    return Registration.NONE;
  }

  /**
   * Aborts the call: runs every registered action, on this thread, and every action registered
   * later at once. Does nothing if the signal was aborted or closed already.
   *
   * @param reason why, for the errors of the aborted operations, such as "Client stb-1: INTERROGATE
   *     did not finish within PT30S"
   */
  public void abort(String reason) {
    Objects.requireNonNull(reason);
    List<Registration> actions;
    synchronized (this) {
      if (this == NEVER || closed || this.reason != null) {
        return;
      }
      this.reason = reason;
      actions = List.copyOf(registered);
      registered.clear();
    }
    actions.forEach(registration -> registration.action.run());
  }

  /** Tells whether this signal was aborted. */
  public synchronized boolean isAborted() {
    return reason != null;
  }

  /** Why this signal was aborted, or {@code null} if it was not. */
  public synchronized String reason() {
    return reason;
  }

  /**
   * Ends the bounded call: no action runs after this returns, unless an abort had begun, and the
   * signal that was current before {@link #open()} is current again. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (this == NEVER || closed) {
        return;
      }
      closed = true;
      registered.clear();
    }
    link.close();
    if (CURRENT.get() == this) {
      if (outer == NEVER) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** An action registered with {@link #onAbort}; closing it deregisters the action. */
  public static final class Registration implements AutoCloseable {

    private static final Registration NONE = new Registration(null, () -> {});

    private final AbortSignal signal;
    private final Runnable action;

    private Registration(AbortSignal signal, Runnable action) {
      this.signal = signal;
      this.action = action;
    }

    /** Deregisters the action; it will not run after this returns, unless an abort had begun. */
    @Override
    public void close() {
      if (signal != null) {
        synchronized (signal) {
          signal.registered.remove(this);
        }
      }
    }
  }
}
