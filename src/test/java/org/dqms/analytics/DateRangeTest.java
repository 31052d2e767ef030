package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {

    @Test
    void aRangeOfALeapYearIsAllowed() {
        DateRange range = DateRange.parse("2024-01-01", "2024-12-31");

        assertThat(range.from()).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(range.to()).isEqualTo(LocalDate.of(2024, 12, 31));
    }

    @Test
    void oneDayIsARange() {
        assertThat(DateRange.parse("2026-03-02", "2026-03-02").from()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void fromAfterToIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DateRange.parse("2026-03-03", "2026-03-02"))
                .withMessageContaining("from");
    }

    @Test
    void moreThan366DaysIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DateRange.parse("2024-01-01", "2025-01-01"))
                .withMessageContaining("366 days");
    }

    @Test
    void aMalformedDateIsNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> DateRange.parse("2026-03-01", "03/02/2026"))
                .withMessage("to must be a date such as 2026-01-31");
    }
}
