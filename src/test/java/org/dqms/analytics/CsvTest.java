package org.dqms.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void plainCellsStayAsTheyAre() {
        assertThat(Csv.line(Arrays.asList("WEB", 12, null, "2026-03-02 10:00:00")))
                .isEqualTo("WEB,12,,2026-03-02 10:00:00\r\n");
    }

    @Test
    void aCellWithACommaIsQuoted() {
        assertThat(Csv.cell("Rao, Priya")).isEqualTo("\"Rao, Priya\"");
    }

    @Test
    void quotesInsideACellAreDoubled() {
        assertThat(Csv.cell("Priya \"Pia\" Rao")).isEqualTo("\"Priya \"\"Pia\"\" Rao\"");
    }

    @Test
    void aCellWithALineBreakIsQuoted() {
        assertThat(Csv.cell("first\nsecond")).isEqualTo("\"first\nsecond\"");
        assertThat(Csv.cell("first\r\nsecond")).isEqualTo("\"first\r\nsecond\"");
    }

    @Test
    void aCellThatLooksLikeAFormulaGetsALeadingQuote() {
        assertThat(Csv.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.cell("+1")).isEqualTo("'+1");
        assertThat(Csv.cell("-1")).isEqualTo("'-1");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.cell("\rcmd")).isEqualTo("\"'\rcmd\"");
    }

    @Test
    void aFormulaSignInsideACellIsLeftAlone() {
        assertThat(Csv.cell("a=b")).isEqualTo("a=b");
        assertThat(Csv.cell("")).isEmpty();
    }
}
