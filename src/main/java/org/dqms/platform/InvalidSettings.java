package org.dqms.platform;

import java.util.Optional;

final class InvalidSettings {

    private InvalidSettings() {}

    static Optional<InvalidSettingException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }
}
