package org.dqms.platform.web;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The pages' settings.
 *
 * @param defaultLanguage the pages' language until a visitor picks another, and the display board's
 *     spoken language unless its URL names one ({@code DQMS_DEFAULT_LANGUAGE})
 */
@Validated
@ConfigurationProperties("dqms.web")
record WebSettings(
        @DefaultValue("en") @Pattern(regexp = "en|hi", message = "must be en (English) or hi (Hindi)")
        String defaultLanguage) {}
