package org.dqms.platform;

import java.util.List;

/**
 * A command run from the same jar as the server, e.g. {@code java -jar dqms.jar migrate}. Modules
 * contribute commands as beans; the command line picks one by its name.
 */
public interface Command {

    /** The words that name the command, e.g. {@code "db check"}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /**
     * Runs the command and returns its exit code: 0 for success.
     *
     * @param arguments the words after the command's name
     */
    int run(List<String> arguments) throws Exception;
}
