package org.dqms.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dqms.DqmsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * {@code help} and a mistyped command answer from the commands' class files: they start no
 * database (the embedded one would create its directory under {@code DQMS_DATA_DIR}) and read no
 * setting (a malformed {@code DATABASE_URL} would stop any start).
 */
@ExtendWith(OutputCaptureExtension.class)
class CommandLineTest {

    private static final List<String> COMMANDS =
            List.of("admin create", "db check", "db roles", "migrate", "migrate status");

    @TempDir
    Path dataDir;

    private int run(String... words) {
        String[] args = Stream.concat(
                        Stream.of(words), Stream.of("--DQMS_DATA_DIR=" + dataDir, "--DATABASE_URL=not a database url"))
                .toArray(String[]::new);
        return CommandLine.run(DqmsApplication.class, args);
    }

    @Test
    void helpListsEveryCommandWithoutStartingAnything(CapturedOutput output) throws Exception {
        assertThat(run("help")).isZero();

        assertThat(output.getOut()).contains("usage: java -jar dqms.jar [command]");
        for (String command : COMMANDS) {
            assertThat(output.getOut()).containsPattern("(?m)^  " + command + " +\\S");
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aMistypedCommandIsAUsageErrorWithoutStartingAnything(CapturedOutput output) throws Exception {
        assertThat(run("db", "chek")).isEqualTo(CommandLine.USAGE);

        assertThat(output.getErr()).contains("usage: java -jar dqms.jar").contains("db check");
        assertThat(output.getOut()).isEmpty();
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aSettingBeforeTheCommandWordLeavesItACommand(CapturedOutput output) {
        String[] args = {"--DQMS_DATA_DIR=" + dataDir, "--DATABASE_URL=not a database url", "help"};

        assertThat(CommandLine.isCommand(args)).isTrue();
        assertThat(CommandLine.run(DqmsApplication.class, args)).isZero();
        assertThat(output.getOut()).contains("usage: java -jar dqms.jar [command]");
    }

    @Test
    void optionsAndSettingsAloneStartTheServer() {
        assertThat(CommandLine.isCommand(new String[] {})).isFalse();
        assertThat(CommandLine.isCommand(new String[] {"--DQMS_ENV=production", "--debug"}))
                .isFalse();
        assertThat(CommandLine.serverUsageError(new String[] {"--DQMS_ENV=production", "--debug"}))
                .isEmpty();
    }

    @Test
    void aWordTheServerWouldIgnoreIsAUsageErrorThatDoesNotShowIt() {
        String[] args = {"--debug", "--DATABASE_PASSWORD", "Sekret-Pw-4711"};

        assertThat(CommandLine.isCommand(args)).isFalse();
        assertThat(CommandLine.serverUsageError(args))
                .hasValueSatisfying(line -> assertThat(line)
                        .startsWith("error: argument 3 is neither a command nor an option")
                        .doesNotContain("Sekret")
                        .doesNotContain(System.lineSeparator()));
    }

    @Test
    void everyCommandIsInTheCatalog() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(Command.class));
        List<String> commandClasses = scanner.findCandidateComponents("org.dqms").stream()
                .map(BeanDefinition::getBeanClassName)
                .sorted()
                .toList();

        assertThat(commandClasses).hasSize(COMMANDS.size());
        assertThat(CommandLine.catalog(DqmsApplication.class))
                .extracting(CommandUsage::name)
                .containsExactlyElementsOf(COMMANDS);
    }
}
