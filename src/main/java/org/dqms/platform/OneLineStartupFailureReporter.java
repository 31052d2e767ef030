package org.dqms.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Turns a bad setting into one log line that names the setting, instead of a stack trace. Other
 * failures are left to Spring Boot's own reporting. Registered in {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class OneLineStartupFailureReporter implements SpringBootExceptionReporter {

    private static final Logger log = LoggerFactory.getLogger("org.dqms");
    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private final ConfigurableApplicationContext context;

    OneLineStartupFailureReporter(ConfigurableApplicationContext context) {
        this.context = context;
    }

    @Override
    public boolean reportException(Throwable failure) {
        Optional<String> line = describe(failure);
        line.ifPresent(text -> log.error("dqms cannot start: {}", text));
        return line.isPresent();
    }

    Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return Optional.of(invalid.getMessage());
            }
            if (t instanceof BindValidationException validation) {
                return Optional.of(describe(validation));
            }
            if (t instanceof BindException bind && bind.getProperty() != null) {
                String name = bind.getProperty().getName().toString();
                String type = bind.getTarget()
                        .getType()
                        .toString()
                        .replace("java.time.", "")
                        .replace("java.lang.", "");
                return Optional.of(settingName(name) + ": not a valid " + type);
            }
        }
        return Optional.empty();
    }

    private String describe(BindValidationException validation) {
        String prefix = validation.getValidationErrors().getName().toString();
        List<String> problems = new ArrayList<>();
        for (ObjectError error : validation.getValidationErrors().getAllErrors()) {
            String property = error instanceof FieldError field ? prefix + "." + kebab(field.getField()) : prefix;
            problems.add(settingName(property) + ": " + error.getDefaultMessage());
        }
        return String.join("; ", problems);
    }

    /** {@code dqms.database.pool-size (DATABASE_POOL_SIZE)}, naming the variable a person sets. */
    private String settingName(String property) {
        return variableOf(property).map(v -> v + " (" + property + ")").orElse(property);
    }

    private Optional<String> variableOf(String property) {
        if (context == null) {
            return Optional.empty();
        }
        ConfigurableEnvironment environment = context.getEnvironment();
        for (PropertySource<?> source : environment.getPropertySources()) {
            Object raw = source.getProperty(property);
            if (raw instanceof OriginTrackedValue tracked) {
                raw = tracked.getValue();
            }
            if (raw != null) {
                Matcher matcher = PLACEHOLDER.matcher(raw.toString());
                return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
