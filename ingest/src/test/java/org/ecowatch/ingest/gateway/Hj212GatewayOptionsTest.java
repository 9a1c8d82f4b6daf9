package org.ecowatch.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class Hj212GatewayOptionsTest {

    private final Hj212GatewayOptions defaults = GatewayFixtures.options("tcp://127.0.0.1:1883", "ecowatch/v1");

    @Test
    void defaultsListenOnLoopbackOnAFreePortWithTheCodecsFrameLimit() {
        assertThat(defaults.bindHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isZero();
        assertThat(defaults.maxDataLength()).isEqualTo(8192);
        assertThat(defaults.maxConnections()).isEqualTo(1000);
        assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxBufferedBytesPerConnection()).isEqualTo(64 * 1024);
        assertThat(defaults.publishTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withersChangeOnlyTheirOwnOption() {
        Hj212GatewayOptions changed = defaults.withBindHost("0.0.0.0").withPort(9212).withMaxConnections(5);
        assertThat(changed.bindHost()).isEqualTo("0.0.0.0");
        assertThat(changed.port()).isEqualTo(9212);
        assertThat(changed.maxConnections()).isEqualTo(5);
        assertThat(changed.withPort(0)).isEqualTo(defaults.withBindHost("0.0.0.0").withMaxConnections(5));
    }

    @Test
    void aBufferLimitThatCannotHoldOneFrameIsRefused() {
        assertThatThrownBy(() -> defaults.withMaxBufferedBytesPerConnection(8192))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one frame");
        assertThat(defaults.withMaxDataLength(1024).withMaxBufferedBytesPerConnection(1036).maxBufferedBytesPerConnection())
                .isEqualTo(1036);
    }

    @Test
    void nonsenseLimitsAndPrefixesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> defaults.withPort(70000)).hasMessageContaining("port");
        assertThatThrownBy(() -> defaults.withMaxDataLength(10000)).hasMessageContaining("maxDataLength");
        assertThatThrownBy(() -> defaults.withMaxConnections(0)).hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> defaults.withIdleTimeout(Duration.ZERO)).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> defaults.withPublishTimeout(Duration.ofSeconds(-1))).hasMessageContaining("publishTimeout");
        assertThatThrownBy(() -> GatewayFixtures.options("tcp://127.0.0.1:1883", "ecowatch/#"))
                .hasMessageContaining("wildcards");
    }

    @Test
    void aGatewayThatCannotBindSaysWhereAndCleansUp() {
        try (Hj212Gateway first = new Hj212Gateway(defaults.withPublishTimeout(Duration.ofSeconds(1)))) {
            first.start();
            Hj212Gateway second = new Hj212Gateway(defaults.withPort(first.port()));
            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + first.port());
            assertThatThrownBy(second::port).isInstanceOf(IllegalStateException.class);
        }
    }
}
