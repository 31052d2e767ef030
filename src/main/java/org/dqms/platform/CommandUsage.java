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
}
