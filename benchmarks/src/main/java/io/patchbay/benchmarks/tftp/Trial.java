package io.patchbay.benchmarks.tftp;

/**
 * One kind of timed transfer: a pairing at a block size and window (1: lockstep).
 *
 * @param pairing client and server
 * @param blockSize the blksize asked for (RFC 2348)
 * @param windowSize the windowsize asked for (RFC 7440); 1 asks for none
 */
record Trial(Pairing pairing, int blockSize, int windowSize) {

  Trial {
    if (windowSize > 1 && !pairing.ourClient()) {
      throw new IllegalArgumentException("curl asks for no windowsize: " + pairing);
    }
  }

  /** A lockstep transfer. */
  static Trial lockstep(Pairing pairing, int blockSize) {
    return new Trial(pairing, blockSize, 1);
  }

  /** Whether it runs in lockstep. */
  boolean lockstep() {
    return windowSize == 1;
  }

  @Override
  public String toString() {
    return pairing.label()
        + ", blksize "
        + blockSize
        + (lockstep() ? "" : ", window " + windowSize);
  }
}
