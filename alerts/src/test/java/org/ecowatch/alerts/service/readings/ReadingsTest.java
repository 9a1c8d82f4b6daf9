package org.ecowatch.alerts.service.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.ecowatch.configs.ConfigLoader;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.testing.SharedQuestDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Readings written as the pipeline writes them (line protocol into the kind's table) and read back for charts. */
class ReadingsTest {
    @RegisterExtension
    static final SharedQuestDb STORE = new SharedQuestDb();

    static final EcowatchConfig DEMO = loadDemo();
    /** 2026-11-27 08:00 China time. */
    static final Instant MORNING = Instant.parse("2026-11-27T00:00:00Z");

    static Readings readings;

    @BeforeAll
    static void writeAMorning() throws Exception {
        List<String> lines = new ArrayList<>();
        // ent-001 (a paper mill with its own COD limit, 60) ww-01: one COD reading a minute for six hours, 150 from 09:00 to 10:00.
        for (int minute = 0; minute < 360; minute++) {
            double cod = minute >= 60 && minute < 120 ? 150 : 40 + minute % 5;
            long ts = MORNING.plusSeconds(60L * minute).toEpochMilli();
            lines.add("wastewater_outlet,enterprise=ent-001,device=ww-01,metric=w01018,flag=N,kind=Rtd value=" + cod + " " + ts);
            // the hourly average beside it must not be read as a reading
            if (minute % 60 == 0) {
                lines.add("wastewater_outlet,enterprise=ent-001,device=ww-01,metric=w01018,flag=N,kind=Avg,period=PT1H value=999 " + ts);
            }
        }
        lines.add("power_meter,enterprise=ent-001,device=pm-prod,metric=power.active,flag=N,kind=Rtd value=400 "
                + MORNING.plusSeconds(3600).toEpochMilli());
        lines.add("power_meter,enterprise=ent-001,device=pm-prod,metric=power.active,flag=N,kind=Rtd value=420 "
                + MORNING.plusSeconds(7200).toEpochMilli());
        LineProtocol.write(STORE.httpUrl(), lines);
        STORE.awaitCount("SELECT count() FROM wastewater_outlet WHERE enterprise = 'ent-001'", 366);
        STORE.awaitCount("SELECT count() FROM power_meter WHERE enterprise = 'ent-001'", 2);
        readings = new Readings(STORE.httpUrl(), DEMO.registry(), DEMO.thresholds(), DEMO.pipeline().timeZone());
    }

    @Nested
    class ASeries {
        @Test
        void holdsTheReadingsOfTheRangeWithTheEffectiveLimitAndUnit() {
            Readings.Series series = readings.series("ent-001", "ww-01", "w01018",
                    MORNING.plus(Duration.ofMinutes(50)), MORNING.plus(Duration.ofMinutes(130)));

            assertThat(series.limit()).isEqualTo(60.0); // ent-001's own COD limit, not the paper industry's 90
            assertThat(series.unit()).isEqualTo("mg/L");
            assertThat(series.sampledBy()).isNull();
            assertThat(series.points()).hasSize(80);
            assertThat(series.points().get(0).ts().toInstant()).isEqualTo(MORNING.plus(Duration.ofMinutes(50)));
            assertThat(series.points().get(0).ts().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
            assertThat(series.points()).filteredOn(p -> p.value() == 150).hasSize(60);
            assertThat(series.points()).allSatisfy(p -> assertThat(p.flag()).isEqualTo("N"));
        }

        @Test
        void averagesIntoRoundBucketsWhenTheRangeHoldsMoreReadingsThanAChartShows() {
            Readings.Series series = readings.series("ent-001", "ww-01", "w01018", MORNING.minus(Duration.ofDays(6)),
                    MORNING.plus(Duration.ofHours(6)));

            assertThat(series.sampledBy()).isEqualTo(Duration.ofMinutes(10));
            assertThat(series.points()).hasSize(36);
            Readings.Point peak = series.points().get(8); // 09:20–09:30
            assertThat(peak.value()).isEqualTo(150.0);
            assertThat(peak.min()).isEqualTo(150.0);
            assertThat(peak.flag()).isNull();
        }

        @Test
        void ofAnUnknownDeviceIsNotFound() {
            InvalidReadingsQuery refused = catchThrowableOfType(InvalidReadingsQuery.class,
                    () -> readings.series("ent-001", "ww-99", "w01018", MORNING, MORNING.plusSeconds(60)));
            assertThat(refused.notFound()).isTrue();
            assertThat(refused.field()).isEqualTo("device");
        }

        @Test
        void ofAMetricTheDeviceDoesNotReportIsRefusedNamingTheOnesItDoes() {
            InvalidReadingsQuery refused = catchThrowableOfType(InvalidReadingsQuery.class,
                    () -> readings.series("ent-001", "ww-01", "a21002", MORNING, MORNING.plusSeconds(60)));
            assertThat(refused.notFound()).isFalse();
            assertThat(refused.field()).isEqualTo("metric");
            assertThat(refused).hasMessageContaining("w01018");
        }

        @Test
        void overMoreThanAMonthIsRefused() {
            InvalidReadingsQuery refused = catchThrowableOfType(InvalidReadingsQuery.class,
                    () -> readings.series("ent-001", "ww-01", "w01018", MORNING.minus(Duration.ofDays(40)), MORNING));
            assertThat(refused.field()).isEqualTo("from");
        }
    }

    @Test
    void theLatestReadingOfEachDeviceAndMetricIsTheNewestRealTimeOne() {
        List<Readings.Latest> latest = readings.latest("ent-001");

        assertThat(latest).extracting(l -> l.deviceId() + " " + l.metric() + " " + l.value() + " " + l.unit())
                .containsExactlyInAnyOrder("ww-01 w01018 44.0 mg/L", "pm-prod power.active 420.0 kW");
        assertThat(latest).filteredOn(l -> l.deviceId().equals("ww-01")).singleElement()
                .satisfies(l -> assertThat(l.ts().toInstant()).isEqualTo(MORNING.plus(Duration.ofMinutes(359))));
    }

    @Test
    void aStoreThatCannotBeReachedIsUnavailable() {
        Readings nowhere = new Readings("http://127.0.0.1:1", DEMO.registry(), DEMO.thresholds(), DEMO.pipeline().timeZone());
        assertThat(catchThrowableOfType(ReadingsUnavailable.class, () -> nowhere.latest("ent-001")))
                .hasMessageContaining("cannot be reached");
    }

    static EcowatchConfig loadDemo() {
        try {
            return ConfigLoader.load(Path.of("../configs/demo"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
