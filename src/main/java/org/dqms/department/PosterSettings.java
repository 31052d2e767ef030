package org.dqms.department;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The settings of printed links: posters and tickets carry a QR code that phones open from outside
 * the hospital's network, so the address must be one the patients' phones reach.
 *
 * @param publicUrl the address patients reach dqms at, e.g. {@code https://queue.hospital.example}
 *     ({@code DQMS_PUBLIC_URL}); when unset, the address the request came in on (after the proxy's
 *     forwarded headers)
 */
@Validated
@ConfigurationProperties("dqms.posters")
record PosterSettings(
        @Pattern(
                regexp = "|https?://[^\\s/?#@]+(/[^\\s?#]*)?",
                message = "must be an absolute http or https URL, e.g. https://queue.hospital.example")
        String publicUrl) {}
