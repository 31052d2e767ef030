package org.dqms.queue;

/** The number a patient sees and hears: the department prefix and the day's number, e.g. CARD-007. */
public record TokenNumber(String prefix, int number) {

    public TokenNumber {
        if (number < 1) {
            throw new IllegalArgumentException("token numbers start at 1");
        }
    }

    public String display() {
        return prefix + "-" + String.format("%03d", number);
    }

    @Override
    public String toString() {
        return display();
    }
}
