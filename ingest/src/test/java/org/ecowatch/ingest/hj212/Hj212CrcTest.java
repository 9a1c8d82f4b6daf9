package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.STANDARD_CRC;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.STANDARD_SEGMENT;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.ascii;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class Hj212CrcTest {

    @Nested
    class TheStandardsCrc {

        @Test
        void givesTheStandardsOwnExample1C80() {
            assertThat(Hj212Crc.hex(Hj212Crc.hj212(ascii(STANDARD_SEGMENT)))).isEqualTo(STANDARD_CRC);
        }

        @Test
        void coversOnlyTheGivenRangeOfBytes() {
            byte[] framed = ascii("##0101" + STANDARD_SEGMENT + "1C80\r\n");
            assertThat(Hj212Crc.hj212(framed, 6, STANDARD_SEGMENT.length())).isEqualTo(0x1C80);
        }

        @Test
        void isNotTheModbusCrc() {
            assertThat(Hj212Crc.hj212(ascii(STANDARD_SEGMENT))).isNotEqualTo(Hj212Crc.modbus(ascii(STANDARD_SEGMENT)));
        }
    }

    @Nested
    class TheModbusCrc {

        @Test
        void givesTheCatalogueCheckValueFor123456789() {
            assertThat(Hj212Crc.modbus(ascii("123456789"))).isEqualTo(0x4B37);
        }
    }

    @Test
    void printsFourUpperCaseHexDigits() {
        assertThat(Hj212Crc.hex(0x0a1)).isEqualTo("00A1");
    }
}
