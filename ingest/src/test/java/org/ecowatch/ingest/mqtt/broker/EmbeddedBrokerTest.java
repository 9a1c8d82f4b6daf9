package org.ecowatch.ingest.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.ecowatch.ingest.mqtt.MqttClients;
import org.ecowatch.ingest.mqtt.MqttConnectionSettings;
import org.ecowatch.ingest.testing.SharedEmbeddedBroker;
import org.ecowatch.ingest.testing.TestPublisher;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    @Test
    void configListensOnLoopbackWithUsageStatisticsOffAndInMemory() {
        String xml = EmbeddedBroker.configXml(18830);

        assertThat(xml).contains("<port>18830</port>", "<bind-address>127.0.0.1</bind-address>",
                "<mode>in-memory</mode>", "<max-queue-size>100000</max-queue-size>");
        assertThat(xml.replaceAll("\\s", "")).contains("<anonymous-usage-statistics><enabled>false</enabled>");
    }

    @Test
    void acceptsNoConnectionOnOtherInterfaces() throws Exception {
        EmbeddedBroker broker = SharedEmbeddedBroker.get();
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !isLoopback(i))
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address)
                .findFirst();

        assertThat(canConnect(InetAddress.getLoopbackAddress(), broker.port())).isTrue();
        external.ifPresent(address -> assertThat(canConnect(address, broker.port())).as(address.toString()).isFalse());
    }

    @Test
    void sendsAResumedSessionFarMoreThanFiftyUnacknowledgedMessagesAtOnce() throws Exception {
        // HiveMQ sends a client one batch of what is queued for it, then nothing until every message
        // of the batch is acknowledged; the batch was capped at 50 (see EmbeddedBroker).
        String topic = "broker-test/" + UUID.randomUUID().toString().substring(0, 8);
        MqttConnectionSettings settings = MqttConnectionSettings.of(SharedEmbeddedBroker.url());
        Consumer<MqttConnectionOptions> session = o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(60L);
            o.setReceiveMaximum(1000);
        };
        MqttClient offline = MqttClients.connect(settings, "window-test-" + topic.hashCode(), session);
        offline.subscribe(new MqttSubscription[] {new MqttSubscription(topic, 1)});
        MqttClients.closeQuietly(offline);
        TestPublisher.publish(SharedEmbeddedBroker.url(), topic, TestPublisher.payloads("m", 300));

        ConcurrentLinkedQueue<Integer> unacknowledged = new ConcurrentLinkedQueue<>();
        MqttClient subscriber =
                MqttClients.connect(settings, "window-test-" + topic.hashCode(), session, new Holding(unacknowledged));
        subscriber.setManualAcks(true);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (unacknowledged.size() < 300 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(unacknowledged).as("messages received without acknowledging any").hasSize(300);
        } finally {
            MqttClients.closeQuietly(subscriber);
        }
    }

    @Test
    void fallsBackToAFreePortAndLeavesTheJvmsUncaughtExceptionHandlerInPlace() throws Exception {
        Thread.UncaughtExceptionHandler ours = (thread, error) -> {};
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(ours);
        try {
            int taken = SharedEmbeddedBroker.get().port();
            Path root = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hivemq-own-");
            try (EmbeddedBroker broker = EmbeddedBroker.startPreferring(root, taken)) {
                assertThat(broker.port()).isNotEqualTo(taken);
                assertThat(broker.url()).isEqualTo("tcp://127.0.0.1:" + broker.port());
                assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(ours);
                assertThat(root.resolve("config/config.xml")).exists();
            }
            assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(ours);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    private static boolean isLoopback(NetworkInterface networkInterface) {
        try {
            return networkInterface.isLoopback() || !networkInterface.isUp();
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static boolean canConnect(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Records packet ids and never acknowledges. */
    private record Holding(ConcurrentLinkedQueue<Integer> ids) implements MqttCallback {

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            ids.add(message.getId());
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
