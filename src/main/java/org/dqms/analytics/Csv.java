package org.dqms.analytics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Lines of comma-separated values as RFC 4180 has them, with CRLF line ends. A cell that a
 * spreadsheet would read as a formula gets a leading single quote, so that an exported value can
 * never run as one when an administrator opens the file.
 */
final class Csv {

    private static final String LINE_END = "\r\n";

    private Csv() {}

    static String line(List<?> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",", "", LINE_END));
    }

    /** One cell; null is an empty cell. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && startsAFormula(text.charAt(0))) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private static boolean startsAFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}
