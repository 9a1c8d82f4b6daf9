package org.ecowatch.ingest.store;

import org.ecowatch.configs.PipelineConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ecowatch.ingest.store.StoreFixtures.registry;
import static org.ecowatch.ingest.store.StoreFixtures.store;

class ReadingsStoreSinkBuilderTest {

    @Test
    void refusesTheEmbeddedPlaceholderWithoutARealUrl() {
        assertThatThrownBy(() -> ReadingsStoreSink.builder().store(store("embedded")).registry(registry()).build())
                .hasMessageContaining("store.url is 'embedded'");
    }

    @Test
    void refusesAUrlThatIsNotHttpOrPointsAtTheWriteEndpoint() {
        assertThatThrownBy(() -> ReadingsStoreSink.builder().store(store("tcp://127.0.0.1:9009")).registry(registry()).build())
                .hasMessageContaining("must be an http:// or https:// base URL");
        assertThatThrownBy(() -> ReadingsStoreSink.builder().store(store("http://127.0.0.1:9000/api/v2/write"))
                .registry(registry()).build())
                .hasMessageContaining("drop /api/v2/write");
    }

    @Test
    void refusesAnEmptyBucketOrOrgNamingTheField() {
        assertThatThrownBy(() -> ReadingsStoreSink.builder()
                .store(new PipelineConfig.Store("http://127.0.0.1:8086", "ecowatch", " ", null)).registry(registry()).build())
                .hasMessageContaining("store.bucket is empty");
        assertThatThrownBy(() -> ReadingsStoreSink.builder()
                .store(new PipelineConfig.Store("http://127.0.0.1:8086", null, "readings", null)).registry(registry()).build())
                .hasMessageContaining("store.org is empty");
    }

    @Test
    void requiresTheRegistry() {
        assertThatThrownBy(() -> ReadingsStoreSink.builder().store(store("http://127.0.0.1:8086")).build())
                .hasMessageContaining("registry is required");
    }

    @Test
    void readsTheTokenFromTheNamedVariableAndSendsNoneWhenItIsUnset() {
        PipelineConfig.Store withToken = new PipelineConfig.Store("http://127.0.0.1:8086/", "ecowatch", "readings",
                "ECOWATCH_STORE_TOKEN");
        ReadingsStoreSink.Builder builder = ReadingsStoreSink.builder().store(withToken).registry(registry());

        assertThat(builder.environment(name -> name.equals("ECOWATCH_STORE_TOKEN") ? " s3cret\n" : null).build().token())
                .isEqualTo("s3cret");
        assertThat(builder.environment(name -> null).build().token()).isNull();
        assertThat(builder.build().store().url()).isEqualTo("http://127.0.0.1:8086");
    }
}
