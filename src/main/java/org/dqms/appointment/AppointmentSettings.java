package org.dqms.appointment;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Appointments' rules. Each maps to an environment variable in application.yml.
 *
 * @param earlyWindow a patient who checks in up to this long before the booked time is placed at it
 * @param lateWindow ... and up to this long after it; after that the appointment is a no-show
 * @param changeCutoff reschedule and cancel are refused this close to the booked time
 */
@Validated
@ConfigurationProperties("dqms.appointments")
record AppointmentSettings(
        @DefaultValue("15m") @NotNull @DurationMin(minutes = 0) @DurationMax(hours = 4)
        Duration earlyWindow,

        @DefaultValue("10m") @NotNull @DurationMin(minutes = 0) @DurationMax(hours = 4)
        Duration lateWindow,

        @DefaultValue("2h") @NotNull @DurationMin(minutes = 0) @DurationMax(days = 30)
        Duration changeCutoff) {}
