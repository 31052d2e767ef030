package org.dqms.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class DepartmentPrefixTest {

    @Test
    void twoToSixCapitalLettersAreAPrefix() {
        assertThat(new DepartmentPrefix("OP").value()).isEqualTo("OP");
        assertThat(new DepartmentPrefix("CARDIO").value()).isEqualTo("CARDIO");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "O", "opd", "Opd", "CARDIOL", "OP1", "OP-D", " OPD", "ÄRZTE"})
    void anythingElseIsRefused(String value) {
        assertThatThrownBy(() -> new DepartmentPrefix(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix must be 2 to 6 capital letters");
    }
}
