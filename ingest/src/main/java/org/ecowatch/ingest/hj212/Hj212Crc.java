package org.ecowatch.ingest.hj212;

import java.util.Locale;

/**
 * The two 16-bit checksums seen on HJ 212 frames, both computed over the data segment bytes only.
 *
 * <p>{@link #hj212} is the one Appendix A of the standard defines. It differs from CRC-16/MODBUS in one
 * step: it shifts the register right by 8 before XOR-ing in each byte, where MODBUS XORs the byte into
 * the low bits. Some field devices send {@link #modbus} instead; ecowatch tolerates that only for
 * devices configured with {@code hj212ModbusCrc: true}.
 */
public final class Hj212Crc {

    private Hj212Crc() {}

    /** The standard's CRC (HJ 212-2017 Appendix A). */
    public static int hj212(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ (data[i] & 0xFF);
            crc = shiftOutEightBits(crc);
        }
        return crc;
    }

    public static int hj212(byte[] data) {
        return hj212(data, 0, data.length);
    }

    /** CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF), as a 16-bit register value. */
    public static int modbus(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            crc = shiftOutEightBits(crc);
        }
        return crc;
    }

    public static int modbus(byte[] data) {
        return modbus(data, 0, data.length);
    }

    /** Four upper-case hex digits, the way the standard prints the CRC. */
    public static String hex(int crc) {
        String digits = Integer.toHexString(crc & 0xFFFF).toUpperCase(Locale.ROOT);
        return "0".repeat(4 - digits.length()) + digits;
    }

    private static int shiftOutEightBits(int crc) {
        for (int bit = 0; bit < 8; bit++) {
            boolean lsb = (crc & 1) != 0;
            crc >>>= 1;
            if (lsb) {
                crc ^= 0xA001;
            }
        }
        return crc;
    }
}
