package io.patchbay.transport.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A scripted TFTP peer on a loopback port, sending and receiving one packet at a time, for tests of
 * what the engine does packet by packet: duplicates, strays, errors and silence.
 */
final class RawPeer implements AutoCloseable {

  /** A packet and where it came from. */
  record Received(Packet packet, InetSocketAddress from) {}

  private final DatagramSocket socket;

  private RawPeer(InetAddress address) throws IOException {
    this.socket = new DatagramSocket(0, address);
  }

  /** A peer on an ephemeral loopback port. */
  static RawPeer open() throws IOException {
    return new RawPeer(InetAddress.getLoopbackAddress());
  }

  /**
   * A peer on an ephemeral port of {@code address}, such as {@code 127.0.0.2}: on Linux all of
   * 127/8 is loopback, so a test can play another host.
   */
  static RawPeer open(InetAddress address) throws IOException {
    return new RawPeer(address);
  }

  /** The number of packets that come until none has come for {@code quiet}. */
  int countUntilQuiet(Duration quiet) throws IOException {
    int count = 0;
    while (receive(quiet) != null) {
      count++;
    }
    return count;
  }

  /** Where it listens. */
  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Sends {@code packet} to {@code to}. */
  void send(Packet packet, InetSocketAddress to) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(Packet.MAX_PACKET);
    packet.encode(buffer);
    sendRaw(Arrays.copyOf(buffer.array(), buffer.position()), to);
  }

  /** Sends bytes that need not be a valid packet. */
  void sendRaw(byte[] datagram, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, to));
  }

  /** The next packet, or {@code null} if none came within {@code timeout}. */
  Received receive(Duration timeout) throws IOException {
    byte[] buffer = new byte[Packet.MAX_PACKET + 1];
    DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
    socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
    try {
      socket.receive(datagram);
    } catch (SocketTimeoutException e) {
      return null;
    }
    try {
      Packet packet = Packet.decode(ByteBuffer.wrap(Arrays.copyOf(buffer, datagram.getLength())));
      return new Received(packet, (InetSocketAddress) datagram.getSocketAddress());
    } catch (Packet.Malformed e) {
      throw new IOException("Malformed packet from the engine: " + e.getMessage(), e);
    }
  }

  /** The next packet, failing the test if none came within five seconds. */
  Received expect() throws IOException {
    Received received = receive(Duration.ofSeconds(5));
    if (received == null) {
      throw new AssertionError("No packet within 5 s");
    }
    return received;
  }

  @Override
  public void close() {
    socket.close();
  }
}
