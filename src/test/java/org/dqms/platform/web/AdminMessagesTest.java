package org.dqms.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The admin pages' English and Hindi bundles name the same texts, and the Hindi ones are Hindi. */
class AdminMessagesTest {

    @Test
    void englishAndHindiHaveTheSameKeys() throws IOException {
        Properties english = load("/i18n/admin.properties");
        Properties hindi = load("/i18n/admin_hi.properties");

        assertThat(english.stringPropertyNames()).isNotEmpty().allMatch(key -> key.startsWith("admin."));
        assertThat(hindi.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
    }

    @Test
    void hindiTextsAreWrittenInDevanagari() throws IOException {
        Properties hindi = load("/i18n/admin_hi.properties");

        assertThat(hindi.getProperty("admin.nav.departments")).isEqualTo("विभाग");
        assertThat(hindi.getProperty("admin.form.fix")).containsPattern("\\p{IsDevanagari}");
    }

    private static Properties load(String path) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = AdminMessagesTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
