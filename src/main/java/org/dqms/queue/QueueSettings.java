package org.dqms.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The queue's rules. Each maps to an environment variable in application.yml.
 *
 * @param maxWait a NORMAL token that has waited this long is called before priority tokens
 * @param priorityStreakLimit after this many priority calls in a row, a waiting NORMAL token is next
 * @param noShowAfterRecalls a token recalled this many times is marked NO_SHOW at the next miss
 * @param noShowTimeout a CALLED token not started within this time becomes NO_SHOW
 * @param expireAtClose whether tokens still WAITING at closing time become EXPIRED
 * @param serviceTimeWeight weight of the newest consultation in the moving average of service times
 */
@Validated
@ConfigurationProperties("dqms.queue")
record QueueSettings(
        @DefaultValue("60m") @NotNull @DurationMin(minutes = 1)
        Duration maxWait,

        @DefaultValue("3") @Min(1) @Max(100) int priorityStreakLimit,
        @DefaultValue("2") @Min(0) @Max(20) int noShowAfterRecalls,

        @DefaultValue("10m") @NotNull @DurationMin(minutes = 1)
        Duration noShowTimeout,

        @DefaultValue("true") boolean expireAtClose,

        @DefaultValue("0.2")
        @jakarta.validation.constraints.DecimalMin("0.01")
        @jakarta.validation.constraints.DecimalMax("1.0")
        double serviceTimeWeight) {}
