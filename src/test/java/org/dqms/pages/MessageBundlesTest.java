package org.dqms.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text a page shows exists in English and in Hindi, and every {@code #{key}} a template
 * names exists: a missing translation fails here, not in front of a patient.
 */
class MessageBundlesTest {

    private static final Pattern LITERAL_KEY = Pattern.compile("#\\{([a-zA-Z][\\w.-]*)[}(]");

    @ParameterizedTest
    @ValueSource(strings = {"messages", "admin", "reception", "appointments", "notifications"})
    void hindiHasExactlyTheEnglishKeys(String bundle) throws IOException {
        Properties english = load("i18n/" + bundle + ".properties");
        Properties hindi = load("i18n/" + bundle + "_hi.properties");
        assertThat(hindi.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        assertThat(hindi.stringPropertyNames())
                .allSatisfy(key -> assertThat(hindi.getProperty(key)).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages", "admin", "reception", "appointments", "notifications"})
    void placeholdersMatchBetweenLanguages(String bundle) throws IOException {
        Properties english = load("i18n/" + bundle + ".properties");
        Properties hindi = load("i18n/" + bundle + "_hi.properties");
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(hindi.getProperty(key))).as(key).isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    @org.junit.jupiter.api.Test
    void everyKeyTemplatesNameLiterallyExists() throws IOException {
        Set<String> keys = Stream.of("messages", "admin", "reception", "appointments", "notifications")
                .flatMap(bundle -> {
                    try {
                        return load("i18n/" + bundle + ".properties").stringPropertyNames().stream();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toSet());
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path template :
                    templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher key = LITERAL_KEY.matcher(Files.readString(template));
                while (key.find()) {
                    assertThat(keys).as("%s in %s", key.group(1), template).contains(key.group(1));
                }
            }
        }
    }

    private static Set<String> placeholders(String message) {
        return Pattern.compile("\\{\\d+}")
                .matcher(message)
                .results()
                .map(m -> m.group())
                .collect(Collectors.toSet());
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
