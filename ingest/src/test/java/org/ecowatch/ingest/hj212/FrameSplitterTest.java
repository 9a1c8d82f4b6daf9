package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.ascii;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.concat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.standardFrame;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FrameSplitterTest {

    private static final byte[] FIRST = standardFrame();
    private static final byte[] SECOND = Hj212Encoder.frame(
            "QN=20260101000000000;ST=32;CN=2011;PW=123456;MN=88888880000001;Flag=4;CP=&&DataTime=20260101000000;w01018-Rtd=35.2,w01018-Flag=N&&");

    /** A frame without its CRLF: what the splitter emits for it. */
    private static String bare(byte[] frame) {
        return text(Arrays.copyOf(frame, frame.length - 2));
    }

    private static List<String> frames(List<Hj212Result<byte[]>> items) {
        return items.stream().filter(Hj212Result::isAccepted).map(r -> text(r.value())).toList();
    }

    private static List<String> reasons(List<Hj212Result<byte[]>> items) {
        return items.stream().filter(r -> !r.isAccepted()).map(r -> r.rejection().reason()).toList();
    }

    private static List<Hj212Result<byte[]>> byteByByte(FrameSplitter splitter, byte[] input) {
        List<Hj212Result<byte[]>> items = new ArrayList<>();
        for (byte b : input) {
            splitter.feed(new byte[] {b}, 0, 1, items::add);
        }
        splitter.finish(items::add);
        return items;
    }

    @Nested
    class GluedFrames {

        @Test
        void splitsFramesGluedWithCrLf() {
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(FIRST, SECOND), 8192);

            assertThat(frames(items)).containsExactly(bare(FIRST), bare(SECOND));
            assertThat(reasons(items)).isEmpty();
        }

        @Test
        void splitsFramesGluedWithoutCrLf() {
            byte[] glued = concat(Arrays.copyOf(FIRST, FIRST.length - 2), Arrays.copyOf(SECOND, SECOND.length - 2));
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(glued, 8192);

            assertThat(frames(items)).containsExactly(bare(FIRST), bare(SECOND));
            assertThat(reasons(items)).isEmpty();
        }

        @Test
        void emitsFramesThatTheParserAccepts() {
            Hj212Parser parser = new Hj212Parser();
            for (Hj212Result<byte[]> item : FrameSplitter.splitAll(concat(FIRST, SECOND, FIRST), 8192)) {
                assertThat(parser.parse(item.value()).isAccepted()).isTrue();
            }
        }

        @Test
        void acceptsALowerCaseHexCrc() {
            byte[] lower = ascii(text(FIRST).replace("1C80", "1c80"));
            assertThat(frames(FrameSplitter.splitAll(concat(lower, SECOND), 8192))).hasSize(2);
        }
    }

    @Nested
    class FramesSplitAcrossReads {

        @Test
        void reassemblesFramesFedByteByByte() {
            List<Hj212Result<byte[]>> items = byteByByte(new FrameSplitter(), concat(FIRST, SECOND, FIRST));

            assertThat(frames(items)).containsExactly(bare(FIRST), bare(SECOND), bare(FIRST));
            assertThat(reasons(items)).isEmpty();
        }

        @Test
        void findsTheSameFramesWhereverTheInputIsCut() {
            byte[] input = concat(FIRST, ascii("noise"), SECOND);
            for (int cut = 0; cut <= input.length; cut++) {
                FrameSplitter splitter = new FrameSplitter();
                List<Hj212Result<byte[]>> items = new ArrayList<>();
                splitter.feed(input, 0, cut, items::add);
                splitter.feed(input, cut, input.length - cut, items::add);
                splitter.finish(items::add);

                assertThat(frames(items)).as("cut at %d", cut).containsExactly(bare(FIRST), bare(SECOND));
                assertThat(reasons(items)).as("cut at %d", cut).containsExactly(Hj212Reasons.GARBAGE);
            }
        }

        @Test
        void holdsAnIncompleteFrameUntilTheRestArrives() {
            FrameSplitter splitter = new FrameSplitter();
            assertThat(splitter.feed(Arrays.copyOf(FIRST, 50))).isEmpty();
            assertThat(splitter.bufferedBytes()).isEqualTo(50);

            List<Hj212Result<byte[]>> rest = splitter.feed(Arrays.copyOfRange(FIRST, 50, FIRST.length));
            assertThat(frames(rest)).containsExactly(bare(FIRST));
            assertThat(splitter.bufferedBytes()).isZero();
        }

        @Test
        void reportsAFrameTruncatedAtTheEndOfTheInputAsALengthError() {
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(SECOND, Arrays.copyOf(FIRST, 60)), 8192);

            assertThat(frames(items)).containsExactly(bare(SECOND));
            assertThat(reasons(items)).containsExactly(Hj212Reasons.LENGTH);
        }
    }

    @Nested
    class Garbage {

        @Test
        void skipsAndReportsBytesBeforeAFrame() {
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(ascii("AT+OK\r\n#x##12"), FIRST), 8192);

            assertThat(frames(items)).containsExactly(bare(FIRST));
            assertThat(reasons(items)).containsExactly(Hj212Reasons.GARBAGE);
            assertThat(items.get(0).rejection().detail()).contains("skipped 13 bytes", "AT+OK\\r\\n#x##12");
        }

        @Test
        void findsAFrameStartAfterExtraHashes() {
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(ascii("#"), FIRST), 8192); // "###0101…"

            assertThat(frames(items)).containsExactly(bare(FIRST));
            assertThat(items.get(0).rejection().detail()).contains("skipped 1 bytes");
        }

        @Test
        void reportsTrailingGarbageWhenTheInputEnds() {
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(FIRST, ascii("##xy")), 8192);

            assertThat(frames(items)).containsExactly(bare(FIRST));
            assertThat(reasons(items)).containsExactly(Hj212Reasons.GARBAGE);
        }

        @Test
        void doesNotCountCrLfBetweenFramesAsGarbage() {
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(ascii("\r\n\r\n"), FIRST, ascii("\n"), SECOND), 8192);
            assertThat(reasons(items)).isEmpty();
        }

        @Test
        void reportsAnEndlessStreamOfGarbageInBoundedPiecesWithoutHoldingIt() {
            FrameSplitter splitter = new FrameSplitter(1024);
            List<Hj212Result<byte[]>> items = new ArrayList<>();
            byte[] junk = ascii("x".repeat(1000));
            for (int i = 0; i < 100; i++) {
                splitter.feed(junk, 0, junk.length, items::add);
                assertThat(splitter.bufferedBytes()).isZero();
            }
            assertThat(reasons(items)).hasSizeGreaterThanOrEqualTo(90).containsOnly(Hj212Reasons.GARBAGE);
        }
    }

    @Nested
    class LargeFrames {

        @Test
        void acceptsAFrameAbove1024BytesWithinTheLimit() {
            byte[] large = Hj212Encoder.frame(Hj212ParserTest.segmentOfLength(5000));
            List<Hj212Result<byte[]>> items = byteByByte(new FrameSplitter(8192), concat(large, FIRST));

            assertThat(frames(items)).containsExactly(bare(large), bare(FIRST));
        }

        @Test
        void rejectsAFrameBeyondTheLimitWithoutBufferingItAndFindsTheNextFrame() {
            byte[] huge = Hj212Encoder.frame(Hj212ParserTest.segmentOfLength(9000));
            FrameSplitter splitter = new FrameSplitter(2048);
            List<Hj212Result<byte[]>> items = new ArrayList<>();
            for (byte b : concat(huge, SECOND)) {
                splitter.feed(new byte[] {b}, 0, 1, items::add);
                assertThat(splitter.bufferedBytes()).isLessThanOrEqualTo(SECOND.length);
            }
            splitter.finish(items::add);

            assertThat(reasons(items)).containsExactly(Hj212Reasons.TOO_LARGE);
            assertThat(items.get(0).rejection().detail()).contains("9000", "2048");
            assertThat(frames(items)).containsExactly(bare(SECOND));
        }

        @Test
        void resumesAtTheCrLfOfAnOversizedFrameThatWasShorterThanItClaimed() {
            byte[] liar = ascii("##9000QN=1;CP=&&&&ABCD\r\n");
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(liar, SECOND), 1024);

            assertThat(reasons(items)).containsExactly(Hj212Reasons.TOO_LARGE);
            assertThat(frames(items)).containsExactly(bare(SECOND));
        }
    }

    @Nested
    class WrongLengths {

        @Test
        void reportsALengthShorterThanTheDataSegmentAndFindsTheNextFrame() {
            byte[] shorter = ascii(text(FIRST).replace("##0101", "##0090"));
            List<Hj212Result<byte[]>> items = byteByByte(new FrameSplitter(), concat(shorter, SECOND));

            assertThat(reasons(items)).containsExactly(Hj212Reasons.LENGTH);
            assertThat(items.get(0).rejection().detail()).contains("declares a data segment of 90 bytes", "after 101 bytes");
            assertThat(frames(items)).containsExactly(bare(SECOND));
        }

        @Test
        void reportsALengthShorterThanTheDataSegmentOfFramesGluedWithoutCrLf() {
            byte[] shorter = ascii(bare(FIRST).replace("##0101", "##0090"));
            List<Hj212Result<byte[]>> items = FrameSplitter.splitAll(concat(shorter, SECOND), 8192);

            assertThat(reasons(items)).containsExactly(Hj212Reasons.LENGTH);
            assertThat(frames(items)).containsExactly(bare(SECOND));
        }

        @Test
        void reportsALengthLongerThanTheDataSegmentAsSoonAsTheCrLfArrives() {
            byte[] longer = ascii(text(FIRST).replace("##0101", "##0200"));
            FrameSplitter splitter = new FrameSplitter();
            List<Hj212Result<byte[]>> items = splitter.feed(longer);

            assertThat(reasons(items)).containsExactly(Hj212Reasons.LENGTH);
            assertThat(items.get(0).rejection().detail()).contains("declares a data segment of 200 bytes", "after 101 bytes");
            assertThat(frames(splitter.feed(SECOND))).containsExactly(bare(SECOND));
        }
    }
}
