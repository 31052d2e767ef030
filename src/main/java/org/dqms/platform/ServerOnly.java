package org.dqms.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks a component that belongs to the running server and must stay out of a command such as
 * {@code migrate}: startup checks, background jobs, listeners.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = "dqms.command-mode", havingValue = "false", matchIfMissing = true)
public @interface ServerOnly {}
