package org.dqms.department;

import java.util.regex.Pattern;

/**
 * The letters in front of a department's token numbers ({@code OPD} in {@code OPD-042}): two to six
 * capital letters, so that a number can be read aloud and shown on a display board.
 */
public record DepartmentPrefix(String value) {

    private static final Pattern VALID = Pattern.compile("^[A-Z]{2,6}$");

    public DepartmentPrefix {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("prefix must be 2 to 6 capital letters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
