package org.dqms.platform;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Runs one {@link Command} in a context without the web server or any {@link ServerOnly}
 * component, then exits with the command's code.
 */
public final class CommandLine {

    /** A bad argument or setting. */
    public static final int USAGE = 2;

    private CommandLine() {}

    /**
     * The first argument that is not a setting ({@code --NAME=value}) decides: a word names a
     * command, an option or nothing starts the server. Settings may come before the command's words.
     */
    public static boolean isCommand(String[] args) {
        return Arrays.stream(args)
                .filter(a -> !isSetting(a))
                .findFirst()
                .filter(a -> !a.startsWith("-"))
                .isPresent();
    }

    /**
     * Why the server refuses its arguments, in one line, or empty. It takes options only; Spring
     * Boot would ignore a word (a command's after an option, or the value of {@code --NAME value})
     * and start the server as if it were not there. The word itself is not shown: it may be a
     * secret.
     */
    public static Optional<String> serverUsageError(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("-")) {
                return Optional.of("error: argument " + (i + 1) + " is neither a command nor an option: a command comes"
                        + " first (java -jar dqms.jar help), and settings are written --NAME=value");
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the command named by {@code args}. Arguments of the form {@code --name=value} are
     * settings, as for the server; all others are the command's words. {@code help}, and words that
     * name no command, print the usage from the commands' {@link CommandUsage} without starting
     * anything: no database, no connection, no settings read.
     */
    public static int run(Class<?> application, String[] args) {
        List<CommandUsage> commands = catalog(application);
        List<String> plain = Arrays.stream(args).filter(a -> !isSetting(a)).toList();
        Optional<CommandUsage> chosen = choose(commands, plain);
        if (chosen.isEmpty()) {
            boolean help = !plain.isEmpty() && plain.get(0).equals("help");
            usage(commands, help ? System.out : System.err);
            return help ? 0 : USAGE;
        }
        // --option=value of the command's own options are its words; other --name=value are settings.
        List<String> options = Arrays.asList(chosen.get().options());
        List<String> words = new ArrayList<>();
        List<String> settingList = new ArrayList<>();
        for (String argument : args) {
            int equals = argument.indexOf('=');
            if (isSetting(argument) && options.contains(argument.substring(0, equals))) {
                words.add(argument.substring(0, equals));
                words.add(argument.substring(equals + 1));
            } else if (isSetting(argument)) {
                settingList.add(argument);
            } else {
                words.add(argument);
            }
        }
        String[] settings = settingList.toArray(String[]::new);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    .properties("dqms.command-mode=true", "logging.level.root=warn", "logging.level.org.dqms=warn")
                    .run(settings);
        } catch (RuntimeException e) {
            // Spring Boot has reported it: one line for a bad setting, else the failure in full.
            return new SettingProblems(null).describe(e).isPresent() ? USAGE : 1;
        }
        try (context) {
            String name = chosen.get().name();
            Command command = context.getBeansOfType(Command.class).values().stream()
                    .filter(c -> c.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the command " + name + " is not available"));
            int nameLength = name.split(" ").length;
            return command.run(words.subList(nameLength, words.size()));
        } catch (Exception e) {
            Optional<String> invalid = new SettingProblems(context.getEnvironment()).describe(e);
            if (invalid.isPresent()) {
                System.err.println("error: " + invalid.get());
                return USAGE;
            }
            System.err.println("error: " + firstLine(e));
            return 1;
        }
    }

    /**
     * The commands in the application's packages, by name, read from their class files: no class is
     * loaded and no bean made.
     */
    static List<CommandUsage> catalog(Class<?> application) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(CommandUsage.class));
        List<CommandUsage> commands = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(application.getPackageName())) {
            AnnotationMetadata metadata = ((AnnotatedBeanDefinition) candidate).getMetadata();
            commands.add(metadata.getAnnotations().get(CommandUsage.class).synthesize());
        }
        commands.sort(Comparator.comparing(CommandUsage::name));
        return commands;
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse("");
    }

    private static boolean isSetting(String argument) {
        return argument.startsWith("--") && argument.contains("=");
    }

    private static Optional<CommandUsage> choose(List<CommandUsage> commands, List<String> words) {
        return commands.stream()
                .filter(c -> startsWith(words, Arrays.asList(c.name().split(" "))))
                .max(Comparator.comparingInt(c -> c.name().length()));
    }

    private static boolean startsWith(List<String> words, List<String> name) {
        return words.size() >= name.size() && words.subList(0, name.size()).equals(name);
    }

    private static void usage(List<CommandUsage> commands, PrintStream out) {
        out.println("usage: java -jar dqms.jar [command]");
        out.println("With no command, dqms starts the server. Commands:");
        out.printf("  %-16s %s%n", "help", "show this list");
        for (CommandUsage command : commands) {
            out.printf("  %-16s %s%n", command.name(), command.summary());
        }
    }
}
