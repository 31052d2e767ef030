package org.dqms.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link Command}'s name and its line in the usage text. The command line reads it from the class
 * files, so {@code help} and a mistyped command answer without starting anything.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CommandUsage {

    /** The words that name the command, e.g. {@code "db check"}. */
    String name();

    /** One line for the usage text. */
    String summary();

    /**
     * The command's options. {@code --option=value} with one of these is the command's, as if written
     * {@code --option value}; any other {@code --name=value} is a setting, as for the server.
     */
    String[] options() default {};
}
