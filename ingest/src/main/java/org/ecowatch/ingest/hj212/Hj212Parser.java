package org.ecowatch.ingest.hj212;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.ecowatch.configs.Registry;

/**
 * Verifies and takes apart one HJ 212 frame: {@code ##} + 4-digit length + data segment + 4 hex CRC
 * (either case) + optional CRLF. Thread-safe and stateless; use {@link FrameSplitter} first when the
 * input may hold several frames or partial ones.
 *
 * <p>Checks, in order: the frame's shape ({@link Hj212Reasons#SYNTAX}), the length limit
 * ({@link Hj212Reasons#TOO_LARGE}), the declared length against the data segment's UTF-8 bytes
 * ({@link Hj212Reasons#LENGTH}), the CRC ({@link Hj212Reasons#CRC}), then the data segment's fields
 * ({@link Hj212Reasons#SYNTAX}, {@link Hj212Reasons#ENCRYPTED}).
 */
public final class Hj212Parser {

    /** The standard's limit on the data segment. Real devices exceed it. */
    public static final int STANDARD_MAX_DATA_LENGTH = 1024;
    /** ecowatch's default limit; the 4-digit length field cannot say more than 9999. */
    public static final int DEFAULT_MAX_DATA_LENGTH = 8192;
    static final int LENGTH_FIELD_MAX = 9999;

    private static final int HEADER = 6; // "##" + 4 digits
    private static final int CRC_DIGITS = 4;

    private final int maxDataLength;
    private final Predicate<String> modbusCrcTolerated;

    /** Default limit, MODBUS CRC tolerated for no device. */
    public Hj212Parser() {
        this(DEFAULT_MAX_DATA_LENGTH, mn -> false);
    }

    /**
     * @param maxDataLength      largest data segment accepted, in bytes (1..9999)
     * @param modbusCrcTolerated whether a frame from this MN may carry a CRC-16/MODBUS instead of the standard's CRC
     */
    public Hj212Parser(int maxDataLength, Predicate<String> modbusCrcTolerated) {
        this.maxDataLength = checkMaxDataLength(maxDataLength);
        this.modbusCrcTolerated = modbusCrcTolerated;
    }

    /** A parser that tolerates MODBUS CRCs exactly for the registry's devices with {@code hj212ModbusCrc: true}. */
    public static Hj212Parser forRegistry(Registry registry, int maxDataLength) {
        return new Hj212Parser(maxDataLength,
                mn -> registry.deviceByMn(mn).map(ref -> ref.device().hj212ModbusCrc()).orElse(false));
    }

    public int maxDataLength() {
        return maxDataLength;
    }

    public Hj212Result<Hj212Frame> parse(byte[] frame) {
        return parse(frame, 0, frame.length);
    }

    public Hj212Result<Hj212Frame> parse(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (length >= 2 && bytes[end - 2] == '\r' && bytes[end - 1] == '\n') {
            end -= 2;
        }
        int declared = length >= HEADER && bytes[offset] == '#' && bytes[offset + 1] == '#'
                ? decimal(bytes, offset + 2, 4) : -1;
        if (declared < 0) {
            return Hj212Result.rejected(Hj212Reasons.SYNTAX, "a frame starts with ## and 4 decimal digits of length, not '"
                    + Texts.sample(bytes(bytes, offset, Math.min(length, HEADER)), Math.min(length, HEADER), length) + "'");
        }
        if (declared > maxDataLength) {
            return Hj212Result.rejected(Hj212Reasons.TOO_LARGE,
                    "the frame declares a data segment of " + declared + " bytes; the limit is " + maxDataLength);
        }
        int dataStart = offset + HEADER;
        int actual = end - dataStart - CRC_DIGITS;
        if (actual != declared) {
            return Hj212Result.rejected(Hj212Reasons.LENGTH, "the frame declares a data segment of " + declared
                    + " bytes but holds " + Math.max(actual, 0) + " bytes between the length and the 4-digit CRC");
        }
        int crcStart = dataStart + declared;
        int received = hex(bytes, crcStart, CRC_DIGITS);
        if (received < 0) {
            return Hj212Result.rejected(Hj212Reasons.SYNTAX, "the CRC must be 4 hex digits, not '"
                    + new String(bytes, crcStart, CRC_DIGITS, StandardCharsets.ISO_8859_1) + "'");
        }
        int computed = Hj212Crc.hj212(bytes, dataStart, declared);
        if (received == computed) {
            return DataSegment.parse(utf8(bytes, dataStart, declared), false);
        }
        boolean modbusMatches = Hj212Crc.modbus(bytes, dataStart, declared) == received;
        String crcDetail = "received CRC " + Hj212Crc.hex(received) + ", computed " + Hj212Crc.hex(computed)
                + " over the " + declared + "-byte data segment";
        if (!modbusMatches) {
            return Hj212Result.rejected(Hj212Reasons.CRC, crcDetail);
        }
        Hj212Result<Hj212Frame> parsed = DataSegment.parse(utf8(bytes, dataStart, declared), true);
        if (parsed.isAccepted() && modbusCrcTolerated.test(parsed.value().mn())) {
            return parsed;
        }
        String mn = parsed.isAccepted() ? "MN=" + parsed.value().mn() : "the sender";
        return Hj212Result.rejected(Hj212Reasons.CRC, crcDetail + "; " + Hj212Crc.hex(received)
                + " is the CRC-16/MODBUS, which " + mn + " is not configured to use (device option hj212ModbusCrc)");
    }

    static int checkMaxDataLength(int maxDataLength) {
        if (maxDataLength < 1 || maxDataLength > LENGTH_FIELD_MAX) {
            throw new IllegalArgumentException("maxDataLength must be 1..9999 (4 decimal digits), not " + maxDataLength);
        }
        return maxDataLength;
    }

    /** The value of {@code count} ASCII decimal digits, or -1. */
    static int decimal(byte[] bytes, int offset, int count) {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            int d = bytes[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** The value of {@code count} ASCII hex digits (either case), or -1. */
    static int hex(byte[] bytes, int offset, int count) {
        int value = 0;
        for (int i = offset; i < offset + count; i++) {
            int d = Character.digit(bytes[i] & 0xFF, 16);
            if (d < 0 || (bytes[i] & 0x80) != 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    /** The data segment as text; {@code null} when it is not UTF-8. */
    private static String utf8(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] bytes(byte[] bytes, int offset, int length) {
        byte[] copy = new byte[length];
        System.arraycopy(bytes, offset, copy, 0, length);
        return copy;
    }
}
