package org.dqms.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MasksTest {

    @Test
    void anEmailKeepsItsFirstLetterAndDomain() {
        assertThat(Masks.email("jane.doe@example.org")).isEqualTo("j***@example.org");
    }

    @Test
    void anEmailIsStrippedBeforeMasking() {
        assertThat(Masks.email("  jane@example.org ")).isEqualTo("j***@example.org");
    }

    @Test
    void somethingThatIsNotAnEmailKeepsOnlyItsFirstLetter() {
        assertThat(Masks.email("janedoe")).isEqualTo("j***");
        assertThat(Masks.email("@example.org")).isEqualTo("@***");
    }

    /** A password typed into the email field must not leave its end in the audit log. */
    @Test
    void whatFollowsTheAtSignIsKeptOnlyWhenItIsADomain() {
        assertThat(Masks.email("Sunil@2024")).isEqualTo("S***");
        assertThat(Masks.email("ravi@home!pass")).isEqualTo("r***");
        assertThat(Masks.email("ravi@clinic.co.in")).isEqualTo("r***@clinic.co.in");
    }

    @Test
    void nothingStaysNothing() {
        assertThat(Masks.email(null)).isEmpty();
        assertThat(Masks.email("   ")).isEmpty();
    }
}
