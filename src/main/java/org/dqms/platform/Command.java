package org.dqms.platform;

import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * A command run from the same jar as the server, e.g. {@code java -jar dqms.jar migrate}. Modules
 * contribute commands as beans annotated with {@link CommandUsage}; the command line picks one by its
 * name.
 */
public interface Command {

    /** The words that name the command, e.g. {@code "db check"}. */
    default String name() {
        return usage().name();
    }

    /** One line for the usage text. */
    default String summary() {
        return usage().summary();
    }

    /**
     * Runs the command and returns its exit code: 0 for success.
     *
     * @param arguments the words after the command's name
     */
    int run(List<String> arguments) throws Exception;

    private CommandUsage usage() {
        Class<?> type = ClassUtils.getUserClass(getClass());
        CommandUsage usage = AnnotatedElementUtils.findMergedAnnotation(type, CommandUsage.class);
        if (usage == null) {
            throw new IllegalStateException(type.getName() + " is a Command without @CommandUsage");
        }
        return usage;
    }
}
