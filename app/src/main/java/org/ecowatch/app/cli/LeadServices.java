package org.ecowatch.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.ecowatch.alerts.service.LeadService;
import org.ecowatch.alerts.service.auth.ApiTokens;
import org.ecowatch.configs.ConfigException;
import org.ecowatch.configs.EcowatchConfig;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;

/** How the commands start the lead service: its tokens, its store, its port. */
final class LeadServices {
    private LeadServices() {}

    /** The tokens of {@code http.tokensEnv}; a missing or bad variable stops the command (exit 2) naming it. */
    static ApiTokens tokensFromEnvironment(EcowatchConfig config, String without) {
        String variable = config.pipeline().http().tokensEnv();
        try {
            return ApiTokens.fromEnvironment(variable, config.registry());
        } catch (ConfigException e) {
            throw new ConfigurationProblem("ecowatch: the lead service's HTTP API needs tokens, and " + e.getMessage()
                    + (without == null ? "" : "\n  or run without the lead service: " + without));
        }
    }

    /**
     * The lead service on the configuration's lead store and HTTP address.
     *
     * @param readingsStore the readings store's URL for the console's charts; null when this process cannot reach it
     */
    static LeadService start(EcowatchConfig config, MqttConnectionSettings broker, boolean brokerEmbedded, ApiTokens tokens,
            String readingsStore) throws Exception {
        return LeadService.start(new LeadService.Settings(config, broker, brokerEmbedded, config.pipeline().leadStore().jdbcUrl(),
                tokens, config.pipeline().http().bind(), config.pipeline().http().port(), readingsStore));
    }

    /** {@code preferred} when nothing listens on it on the loopback interface, else a free port. */
    static int portPreferring(int preferred) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), preferred));
            return preferred;
        } catch (IOException taken) {
            return 0;
        }
    }
}
