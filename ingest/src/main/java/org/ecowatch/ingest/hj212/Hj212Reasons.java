package org.ecowatch.ingest.hj212;

/** The reason codes of rejected HJ 212 input. Each is documented, with examples, in docs/HJ212.md. */
public final class Hj212Reasons {
    /** The 4-digit length does not match the data segment's size in UTF-8 bytes. */
    public static final String LENGTH = "hj212.length";
    /** The CRC does not match the data segment (the detail gives the received and the computed CRC). */
    public static final String CRC = "hj212.crc";
    /** The frame or its data segment is malformed: missing or malformed field, bad CP, bad PNUM/PNO, not UTF-8. */
    public static final String SYNTAX = "hj212.syntax";
    /** The declared data segment is longer than the configured maximum; its bytes were skipped, not buffered. */
    public static final String TOO_LARGE = "hj212.too-large";
    /** Bytes that are not part of any frame (before a {@code ##}, or a frame start that was never completed). */
    public static final String GARBAGE = "hj212.garbage";
    /** No registered device has the frame's MN. */
    public static final String MN_UNKNOWN = "hj212.mn-unknown";
    /** The frame's MN belongs to another device than the one named by the topic. */
    public static final String MN_MISMATCH = "hj212.mn-mismatch";
    /** PW differs from the password configured for the device (or is missing although one is configured). */
    public static final String PASSWORD = "hj212.password";
    /** Not all packets of a split set (PNUM/PNO) arrived before it expired. */
    public static final String SPLIT_EXPIRED = "hj212.split-expired";
    /** An incomplete split set was dropped early to keep the assembler within its memory bounds. */
    public static final String SPLIT_OVERFLOW = "hj212.split-overflow";
    /** A data command's DataTime is missing or not a valid {@code yyyyMMddHHmmss} time. */
    public static final String DATATIME = "hj212.datatime";
    /** A measured value is not a finite decimal number. */
    public static final String VALUE = "hj212.value";
    /** A data flag ({@code xxx-Flag}) is not one of N F M S D C T B. */
    public static final String FLAG = "hj212.flag";
    /** CP is encrypted (HJ 212-2025 SM4); ecowatch has no key management, so it cannot read it. */
    public static final String ENCRYPTED = "hj212.encrypted";

    private Hj212Reasons() {}
}
