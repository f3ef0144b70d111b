package io.patchbay.transport.tftp;

import io.patchbay.internal.Untrusted;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One TFTP datagram: a record per opcode (RFC 1350 §5, OACK from RFC 2347) that encodes itself and
 * is decoded, strictly, from untrusted bytes.
 */
sealed interface Packet {

  /** The largest block RFC 2348 allows. */
  int MAX_BLOCK_SIZE = 65_464;

  /** The block size of RFC 1350, used when none was negotiated. */
  int DEFAULT_BLOCK_SIZE = 512;

  /** Opcode and block number in front of a DATA payload. */
  int DATA_HEADER = 4;

  /** The largest well-formed datagram: a DATA packet of the largest block. */
  int MAX_PACKET = DATA_HEADER + MAX_BLOCK_SIZE;

  /** Appends this packet's bytes to {@code out}, which must have room for {@link #MAX_PACKET}. */
  void encode(ByteBuffer out);

  /**
   * Decodes the datagram between {@code in}'s position and limit. A DATA packet's payload is a view
   * of {@code in}, valid until the buffer is reused.
   *
   * @throws Malformed saying which rule the datagram broke
   */
  static Packet decode(ByteBuffer in) throws Malformed {
    if (in.remaining() < 2) {
      throw new Malformed("datagram of " + in.remaining() + " bytes has no opcode");
    }
    int opcode = Short.toUnsignedInt(in.getShort());
    try {
      return switch (opcode) {
        case Request.RRQ, Request.WRQ -> Request.decode(opcode == Request.WRQ, in);
        case Data.OPCODE -> Data.decode(in);
        case Ack.OPCODE -> Ack.decode(in);
        case ErrorPacket.OPCODE -> ErrorPacket.decode(in);
        case OptionAck.OPCODE -> new OptionAck(Strings.options(in));
        default -> throw new Malformed("unknown opcode " + opcode);
      };
    } catch (BufferUnderflowException e) {
      throw new Malformed("opcode " + opcode + " datagram is truncated");
    }
  }

  /**
   * A read (RRQ) or write (WRQ) request (RFC 1350 §5) with its options (RFC 2347), whose names are
   * lower-cased: RFC 2347 makes them case-insensitive.
   *
   * @param write whether it is a WRQ
   * @param fileName the file name as sent, not yet checked as a path
   * @param mode the transfer mode
   * @param options option names, lower case, to values, in the order sent
   */
  record Request(boolean write, String fileName, TftpMode mode, Map<String, String> options)
      implements Packet {
    static final int RRQ = 1;
    static final int WRQ = 2;

    /** Copies the options, keeping their order. */
    public Request {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    @Override
    public void encode(ByteBuffer out) {
      out.putShort((short) (write ? WRQ : RRQ));
      Strings.put(out, fileName);
      Strings.put(out, mode.wireName());
      Strings.putOptions(out, options);
    }

    /** Whether this request was sent with options, so that an OACK may answer it. */
    boolean hasOptions() {
      return !options.isEmpty();
    }

    @Override
    public String toString() {
      return (write ? "WRQ " : "RRQ ")
          + Untrusted.quote(fileName)
          + " "
          + mode.wireName()
          + " "
          + options;
    }

    private static Request decode(boolean write, ByteBuffer in) throws Malformed {
      String fileName = Strings.get(in, "file name");
      if (fileName.isEmpty()) {
        throw new Malformed("empty file name");
      }
      String modeName = Strings.get(in, "mode");
      TftpMode mode = TftpMode.fromWire(modeName);
      if (mode == null) {
        throw new Malformed("unsupported mode " + Untrusted.quote(modeName));
      }
      return new Request(write, fileName, mode, Strings.options(in));
    }
  }

  /**
   * A DATA packet: block number (16 bits on the wire, wrapping to 0) and up to a block of bytes.
   *
   * @param block the block number, 0 to 65535
   * @param payload the bytes; a short payload ends the transfer (RFC 1350 §6)
   */
  record Data(int block, ByteBuffer payload) implements Packet {
    static final int OPCODE = 3;

    @Override
    public void encode(ByteBuffer out) {
      out.putShort((short) OPCODE).putShort((short) block).put(payload.duplicate());
    }

    private static Data decode(ByteBuffer in) throws Malformed {
      int block = Short.toUnsignedInt(in.getShort());
      if (in.remaining() > MAX_BLOCK_SIZE) {
        throw new Malformed(
            "DATA of " + in.remaining() + " bytes exceeds the largest block, " + MAX_BLOCK_SIZE);
      }
      return new Data(block, in.slice());
    }
  }

  /**
   * An ACK of a DATA block, or of a write request as block 0.
   *
   * @param block the block number acknowledged, 0 to 65535
   */
  record Ack(int block) implements Packet {
    static final int OPCODE = 4;

    @Override
    public void encode(ByteBuffer out) {
      out.putShort((short) OPCODE).putShort((short) block);
    }

    private static Ack decode(ByteBuffer in) throws Malformed {
      int block = Short.toUnsignedInt(in.getShort());
      if (in.hasRemaining()) {
        throw new Malformed("ACK with " + in.remaining() + " trailing bytes");
      }
      return new Ack(block);
    }
  }

  /**
   * An ERROR packet: it ends the transfer and is never acknowledged or retransmitted (RFC 1350 §7).
   *
   * @param code the error code, see {@link TftpErrorCode}
   * @param message a human-readable explanation
   */
  record ErrorPacket(int code, String message) implements Packet {
    static final int OPCODE = 5;

    /** Long enough for any explanation, short enough for the smallest block's datagram. */
    private static final int MAX_MESSAGE_BYTES = 400;

    /** An error with a standard code. */
    ErrorPacket(TftpErrorCode code, String message) {
      this(code.code(), message);
    }

    @Override
    public void encode(ByteBuffer out) {
      out.putShort((short) OPCODE).putShort((short) code);
      byte[] text = message.getBytes(StandardCharsets.UTF_8);
      int length = Math.min(text.length, MAX_MESSAGE_BYTES);
      for (int i = 0; i < length; i++) {
        // A NUL would end the message early on the peer's side.
        out.put(text[i] == 0 ? (byte) '?' : text[i]);
      }
      out.put((byte) 0);
    }

    private static ErrorPacket decode(ByteBuffer in) {
      int code = Short.toUnsignedInt(in.getShort());
      // Lenient on purpose: an ERROR ends the transfer whatever its shape, and reporting the
      // peer's words beats ignoring them, so a missing NUL or stray bytes after it are accepted.
      int end = in.position();
      while (end < in.limit() && in.get(end) != 0) {
        end++;
      }
      ByteBuffer text = in.slice(in.position(), end - in.position());
      return new ErrorPacket(code, StandardCharsets.UTF_8.decode(text).toString());
    }
  }

  /**
   * An option acknowledgement (RFC 2347): the options the server accepted, with their values.
   *
   * @param options option names, lower case, to values, in the order sent
   */
  record OptionAck(Map<String, String> options) implements Packet {
    static final int OPCODE = 6;

    /** Copies the options, keeping their order. */
    public OptionAck {
      options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    @Override
    public void encode(ByteBuffer out) {
      out.putShort((short) OPCODE);
      Strings.putOptions(out, options);
    }
  }

  /** Thrown for a datagram that is not a well-formed TFTP packet; the message says why. */
  final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason);
    }
  }

  /** NUL-terminated strings (RFC 1350 §5), UTF-8 on the wire (a superset of netascii). */
  final class Strings {
    private Strings() {}

    static void put(ByteBuffer out, String value) {
      out.put(value.getBytes(StandardCharsets.UTF_8)).put((byte) 0);
    }

    static void putOptions(ByteBuffer out, Map<String, String> options) {
      options.forEach(
          (name, value) -> {
            put(out, name);
            put(out, value);
          });
    }

    static String get(ByteBuffer in, String what) throws Malformed {
      int start = in.position();
      int end = start;
      while (end < in.limit() && in.get(end) != 0) {
        end++;
      }
      if (end == in.limit()) {
        throw new Malformed(what + " is not NUL-terminated");
      }
      try {
        CharBuffer text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in.slice(start, end - start));
        in.position(end + 1);
        return text.toString();
      } catch (CharacterCodingException e) {
        throw new Malformed(what + " is not valid UTF-8");
      }
    }

    /** Reads name/value pairs to the end of the datagram (RFC 2347 §2). */
    static Map<String, String> options(ByteBuffer in) throws Malformed {
      Map<String, String> options = new LinkedHashMap<>();
      while (in.hasRemaining()) {
        String name = get(in, "option name").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
          throw new Malformed("empty option name");
        }
        if (!in.hasRemaining()) {
          throw new Malformed("option " + Untrusted.quote(name) + " has no value");
        }
        String value = get(in, "value of option " + Untrusted.quote(name));
        // Peers disagree about which of two values wins, so a repeated option is refused.
        if (options.putIfAbsent(name, value) != null) {
          throw new Malformed("option " + Untrusted.quote(name) + " appears twice");
        }
      }
      return options;
    }
  }
}
