package io.patchbay.transport.tftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockSourceTest {

  @TempDir Path home;

  /** Below, at and above the size from which a channel is read straight into the block. */
  @ParameterizedTest
  @ValueSource(ints = {8, 1468, BlockSource.DIRECT_READ - 1, BlockSource.DIRECT_READ, 65_464})
  void aChannelAndAStreamGiveTheSameBlocksEndingInAShortOne(int blockSize) throws IOException {
    // Three read-aheads and a bit, so that blocks straddle every refill and the last is short.
    byte[] content = random(3 * BlockSource.READ_AHEAD + 1000);
    Path file = Files.write(home.resolve("file.bin"), content);

    byte[] fromStream = readAll(BlockSource.of(new ByteArrayInputStream(content)), blockSize);
    byte[] fromChannel;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      fromChannel = readAll(BlockSource.of(channel), blockSize);
    }

    assertThat(fromStream).isEqualTo(content);
    assertThat(fromChannel).isEqualTo(content);
  }

  @ParameterizedTest
  @ValueSource(ints = {512, 65_464})
  void aSourceEndingOnABlockBoundaryEndsWithAnEmptyBlock(int blockSize) throws IOException {
    BlockSource source = BlockSource.of(new ByteArrayInputStream(random(blockSize * 2)));
    ByteBuffer block = ByteBuffer.allocateDirect(blockSize);

    int first = source.read(block.clear());
    int second = source.read(block.clear());
    int third = source.read(block.clear());

    assertThat(new int[] {first, second, third}).containsExactly(blockSize, blockSize, 0);
  }

  /**
   * Reads blocks until a short one, as the sender does: one short too early cuts the copy short.
   */
  private static byte[] readAll(BlockSource source, int blockSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer block = ByteBuffer.allocateDirect(blockSize);
    while (true) {
      int length = source.read(block.clear());
      byte[] bytes = new byte[length];
      block.flip().get(bytes);
      out.write(bytes);
      if (length < blockSize) {
        return out.toByteArray();
      }
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    SplittableRandom random = new SplittableRandom(size);
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
