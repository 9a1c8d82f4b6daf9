package org.ecowatch.ingest.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Hj212ReasonsTest {

    @Test
    void everyReasonCodeIsDocumentedInDocsHj212() throws IOException, IllegalAccessException {
        String docs = Files.readString(Path.of("..", "docs", "HJ212.md"));
        List<String> codes = new ArrayList<>();
        for (Field field : Hj212Reasons.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                codes.add((String) field.get(null));
            }
        }

        assertThat(codes).hasSize(14).allMatch(code -> code.startsWith("hj212."));
        for (String code : codes) {
            assertThat(docs).as("docs/HJ212.md documents %s", code).contains("| `" + code + "` |");
        }
    }
}
