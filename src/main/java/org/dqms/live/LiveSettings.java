package org.dqms.live;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live updates. Each maps to an environment variable in application.yml.
 *
 * @param notifyInterval changes are gathered this long and sent as one NOTIFY: at most one a
 *     department per interval and instance
 * @param heartbeat a comment goes to every stream this often, so that proxies keep idle streams open
 * @param clientBufferBytes what one stream may have unsent; a client further behind is dropped
 * @param maxStreams open streams per instance; more get 503 with Retry-After
 * @param maxStreamsPerClient open streams per client address and instance; more get 429 with
 *     Retry-After. Generous: a hospital's guest Wi-Fi puts many phones behind one address
 * @param streamTimeout a stream is closed after this long and the browser reconnects, so that no
 *     connection lives for ever
 */
@Validated
@ConfigurationProperties("dqms.live")
record LiveSettings(
        @DefaultValue("100ms") @NotNull @DurationMin(millis = 10) @DurationMax(seconds = 10)
        Duration notifyInterval,

        @DefaultValue("15s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 5)
        Duration heartbeat,

        @DefaultValue("65536") @Min(1024) @Max(16777216) int clientBufferBytes,
        @DefaultValue("20000") @Min(1) @Max(1000000) int maxStreams,
        @DefaultValue("200") @Min(1) @Max(1000000) int maxStreamsPerClient,

        @DefaultValue("30m") @NotNull @DurationMin(seconds = 10)
        Duration streamTimeout) {}
