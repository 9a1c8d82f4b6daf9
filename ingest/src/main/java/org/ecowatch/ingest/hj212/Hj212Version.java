package org.ecowatch.ingest.hj212;

/** The protocol generation of a frame, read from Flag's version bits {@code V5..V0}. */
public enum Hj212Version {
    /** HJ/T 212-2005: no Flag (or version bits 000000), often no QN, 3-character pollutant codes. */
    HJ_T_212_2005,
    /** HJ 212-2017: version bits 000001. */
    HJ_212_2017,
    /**
     * HJ 212-2025: version bits 000010 or higher. Only third-party code, not the standard's text, says which
     * bits 2025 devices set; see docs/HJ212.md.
     */
    HJ_212_2025;

    /** The version named by a Flag value; {@code null} (no Flag field) means 2005. */
    public static Hj212Version ofFlag(Integer flag) {
        if (flag == null) {
            return HJ_T_212_2005;
        }
        int bits = flag >> 2;
        return bits == 0 ? HJ_T_212_2005 : bits == 1 ? HJ_212_2017 : HJ_212_2025;
    }

    /** The version bits this generation writes into Flag (2025: unverified guess, see docs/HJ212.md). */
    int flagBits() {
        // the constants are declared in version-number order: 000000, 000001, 000010
        return ordinal() << 2;
    }
}
