package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.QN;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.outletSource;
import static org.ecowatch.ingest.hj212.Hj212Fixtures.rtd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SplitPacketAssemblerTest {

    private static final long T0 = 1_000_000L;
    private static final Duration EXPIRY = Duration.ofSeconds(30);

    private final Hj212Parser parser = new Hj212Parser();

    /** A real-time frame with many readings, split by the encoder into packets of at most 200 bytes. */
    private final Hj212Frame whole = outletSource(Hj212Version.HJ_212_2017).dataFrame(QN, List.of(
            rtd("w01018", 35.2, "N"), rtd("w21003", 1.25, "N"), rtd("w01001", 7.1, "N"),
            rtd("w00000", 12.5, "N"), rtd("w21001", 8.0, "M"), rtd("w21011", 0.3, "N")));

    private List<Hj212Frame> packetsOf(Hj212Frame frame, String qn) {
        Hj212Frame withQn = Hj212Frame.of(qn, frame.st(), frame.cn(), frame.pw(), frame.mn(), frame.flag(), frame.cp());
        return Hj212Encoder.encodeSplit(withQn, 200).stream().map(bytes -> parser.parse(bytes).value()).toList();
    }

    private static List<Hj212Frame> accepted(List<Hj212Result<Hj212Frame>> results) {
        return results.stream().filter(Hj212Result::isAccepted).map(Hj212Result::value).toList();
    }

    private static List<String> reasons(List<Hj212Result<Hj212Frame>> results) {
        return results.stream().filter(r -> !r.isAccepted()).map(r -> r.rejection().reason()).toList();
    }

    @Nested
    class Reassembly {

        @Test
        void rebuildsTheWholeFrameFromItsPackets() {
            List<Hj212Frame> packets = packetsOf(whole, QN);
            assertThat(packets).hasSizeGreaterThan(2);
            SplitPacketAssembler assembler = new SplitPacketAssembler();

            List<Hj212Result<Hj212Frame>> results = new ArrayList<>();
            for (Hj212Frame packet : packets) {
                results.addAll(assembler.accept(packet, T0));
            }

            assertThat(accepted(results)).containsExactly(whole);
            assertThat(assembler.pendingSets()).isZero();
            assertThat(assembler.pendingBytes()).isZero();
        }

        @Test
        void rebuildsItWhicheverOrderThePacketsArriveIn() {
            List<Hj212Frame> packets = new ArrayList<>(packetsOf(whole, QN));
            Collections.reverse(packets);
            SplitPacketAssembler assembler = new SplitPacketAssembler();

            List<Hj212Result<Hj212Frame>> results = new ArrayList<>();
            for (Hj212Frame packet : packets) {
                results.addAll(assembler.accept(packet, T0));
            }
            assertThat(accepted(results)).containsExactly(whole);
        }

        @Test
        void holdsPacketsUntilTheSetIsComplete() {
            List<Hj212Frame> packets = packetsOf(whole, QN);
            SplitPacketAssembler assembler = new SplitPacketAssembler();

            assertThat(assembler.accept(packets.get(0), T0)).isEmpty();
            assertThat(assembler.pendingSets()).isEqualTo(1);
            assertThat(assembler.pendingBytes()).isPositive();
        }

        @Test
        void ignoresAResentPacket() {
            List<Hj212Frame> packets = packetsOf(whole, QN);
            SplitPacketAssembler assembler = new SplitPacketAssembler();
            List<Hj212Result<Hj212Frame>> results = new ArrayList<>(assembler.accept(packets.get(0), T0));
            results.addAll(assembler.accept(packets.get(0), T0 + 1));
            for (Hj212Frame packet : packets.subList(1, packets.size())) {
                results.addAll(assembler.accept(packet, T0 + 2));
            }
            assertThat(accepted(results)).containsExactly(whole);
        }

        @Test
        void keepsSetsOfDifferentQnApart() {
            String otherQn = "20261127080100123";
            List<Hj212Frame> first = packetsOf(whole, QN);
            List<Hj212Frame> second = packetsOf(whole, otherQn);
            SplitPacketAssembler assembler = new SplitPacketAssembler();

            List<Hj212Result<Hj212Frame>> results = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                results.addAll(assembler.accept(second.get(i), T0));
                results.addAll(assembler.accept(first.get(i), T0));
            }
            assertThat(accepted(results)).extracting(Hj212Frame::qn).containsExactly(otherQn, QN);
        }

        @Test
        void passesAFrameThatIsNotSplitStraightThrough() {
            assertThat(new SplitPacketAssembler().accept(whole, T0)).containsExactly(Hj212Result.accepted(whole));
        }

        @Test
        void rejectsAPacketWhosePnumDisagreesWithItsSet() {
            List<Hj212Frame> packets = packetsOf(whole, QN);
            SplitPacketAssembler assembler = new SplitPacketAssembler();
            assembler.accept(packets.get(0), T0);
            Hj212Frame odd = packets.get(1).asPacket(packets.size() + 1, 2, packets.get(1).cp());

            assertThat(reasons(assembler.accept(odd, T0))).containsExactly(Hj212Reasons.SYNTAX);
        }

        @Test
        void rejectsPacketsThatNameDifferentDataTimes() {
            Hj212Frame one = whole.asPacket(2, 1, List.of(Map.of("DataTime", "20261127080000"), Map.of("w01018-Rtd", "1")));
            Hj212Frame two = whole.asPacket(2, 2, List.of(Map.of("DataTime", "20261127080100"), Map.of("w21003-Rtd", "1")));
            SplitPacketAssembler assembler = new SplitPacketAssembler();
            assembler.accept(one, T0);

            assertThat(reasons(assembler.accept(two, T0))).containsExactly(Hj212Reasons.SYNTAX);
        }
    }

    @Nested
    class Bounds {

        @Test
        void expiresAnIncompleteSetNamingTheMissingPackets() {
            List<Hj212Frame> packets = packetsOf(whole, QN);
            SplitPacketAssembler assembler = new SplitPacketAssembler(10, 1 << 20, EXPIRY);
            assembler.accept(packets.get(0), T0);

            assertThat(assembler.expire(T0 + EXPIRY.toMillis() - 1)).isEmpty();
            List<Hj212Rejection> expired = assembler.expire(T0 + EXPIRY.toMillis());

            assertThat(expired).extracting(Hj212Rejection::reason).containsExactly(Hj212Reasons.SPLIT_EXPIRED);
            assertThat(expired.get(0).detail()).contains("MN=" + whole.mn(), "QN=" + QN, "missing PNO [2, ");
            assertThat(assembler.pendingSets()).isZero();
            assertThat(assembler.pendingBytes()).isZero();
        }

        @Test
        void reportsExpiredSetsWhenTheNextFrameArrives() {
            List<Hj212Frame> packets = packetsOf(whole, QN);
            SplitPacketAssembler assembler = new SplitPacketAssembler(10, 1 << 20, EXPIRY);
            assembler.accept(packets.get(0), T0);

            List<Hj212Result<Hj212Frame>> results = assembler.accept(whole, T0 + EXPIRY.toMillis() + 5);
            assertThat(reasons(results)).containsExactly(Hj212Reasons.SPLIT_EXPIRED);
            assertThat(accepted(results)).containsExactly(whole);
        }

        @Test
        void aLatePacketOfAnExpiredSetStartsANewSetInsteadOfCompletingTheOld() {
            List<Hj212Frame> packets = packetsOf(whole, QN);
            SplitPacketAssembler assembler = new SplitPacketAssembler(10, 1 << 20, EXPIRY);
            assembler.accept(packets.get(0), T0);

            List<Hj212Result<Hj212Frame>> results = new ArrayList<>();
            for (Hj212Frame late : packets.subList(1, packets.size())) {
                results.addAll(assembler.accept(late, T0 + EXPIRY.toMillis()));
            }
            assertThat(reasons(results)).containsExactly(Hj212Reasons.SPLIT_EXPIRED);
            assertThat(accepted(results)).isEmpty();
            assertThat(assembler.pendingSets()).isEqualTo(1);
        }

        @Test
        void dropsTheOldestSetBeyondTheMaximumNumberOfPendingSets() {
            SplitPacketAssembler assembler = new SplitPacketAssembler(2, 1 << 20, EXPIRY);
            List<Hj212Result<Hj212Frame>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.addAll(assembler.accept(packetsOf(whole, "2026112708000000" + i).get(0), T0 + i));
            }

            assertThat(reasons(results)).containsExactly(Hj212Reasons.SPLIT_OVERFLOW);
            assertThat(results.get(0).rejection().detail()).contains("QN=20261127080000000");
            assertThat(assembler.pendingSets()).isEqualTo(2);
        }

        @Test
        void dropsTheOldestSetsBeyondTheMaximumPendingBytes() {
            SplitPacketAssembler assembler = new SplitPacketAssembler(1000, 600, EXPIRY);
            List<Hj212Result<Hj212Frame>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                results.addAll(assembler.accept(packetsOf(whole, "2026112708000000" + i).get(0), T0 + i));
                assertThat(assembler.pendingBytes()).isLessThanOrEqualTo(600);
            }

            assertThat(reasons(results)).isNotEmpty().containsOnly(Hj212Reasons.SPLIT_OVERFLOW);
            assertThat(assembler.pendingSets()).isBetween(1, 9);
        }
    }
}
