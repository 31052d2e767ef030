package org.dqms.platform;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Turns a bad setting into one log line that names the setting, instead of a stack trace. Other
 * failures are left to Spring Boot's own reporting. Registered in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class OneLineStartupFailureReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger("org.dqms");

    private final SettingProblems problems;

    OneLineStartupFailureReporter(ConfigurableApplicationContext context) {
        this.problems = new SettingProblems(context == null ? null : context.getEnvironment());
    }

    @Override
    public boolean reportException(Throwable failure) {
        Optional<String> line = problems.describe(failure);
        line.ifPresent(text -> log.error("dqms cannot start: {}", text));
        return line.isPresent();
    }
}
