package org.dqms.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Finds a bad setting in a startup failure and describes it in one line that names the variable a
 * person sets, e.g. {@code DATABASE_POOL_SIZE (dqms.database.pool-size): must be ...}.
 */
final class SettingProblems {

    private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    private final ConfigurableEnvironment environment;

    SettingProblems(ConfigurableEnvironment environment) {
        this.environment = environment;
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
                String type = bind.getTarget().getType().toString();
                type = type.replace("java.time.", "").replace("java.lang.", "");
                return Optional.of(settingName(bind.getProperty().getName().toString()) + ": not a valid " + type);
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

    private String settingName(String property) {
        return variableOf(property).map(v -> v + " (" + property + ")").orElse(property);
    }

    /**
     * The variable behind a property: an environment variable that Spring's relaxed binding read
     * directly (named as it was set, {@code DQMS_LIVE_MAX_STREAMS} or {@code DQMS_LIVE_MAXSTREAMS}),
     * or the placeholder of application.yml that gave the value.
     */
    private Optional<String> variableOf(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(property);
        if (environment == null || name == null) {
            return Optional.empty();
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue; // a view of all the others, which hides where a value came from
            }
            ConfigurationPropertySource view = ConfigurationPropertySource.from(source);
            ConfigurationProperty found = view == null ? null : view.getConfigurationProperty(name);
            if (found == null) {
                continue;
            }
            if (source instanceof SystemEnvironmentPropertySource) {
                return variableName(found.getOrigin());
            }
            Object raw = found.getValue();
            if (raw instanceof OriginTrackedValue tracked) {
                raw = tracked.getValue();
            }
            Matcher matcher = PLACEHOLDER.matcher(String.valueOf(raw));
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
        return Optional.empty();
    }

    /** The name of the variable that the environment's source was asked for and had. */
    private static Optional<String> variableName(Origin origin) {
        Origin inner = origin instanceof PropertySourceOrigin looked ? looked.getOrigin() : origin;
        if (inner instanceof SystemEnvironmentOrigin variable) {
            return Optional.of(variable.getProperty());
        }
        return origin instanceof PropertySourceOrigin looked ? Optional.of(looked.getPropertyName()) : Optional.empty();
    }

    private static String kebab(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
