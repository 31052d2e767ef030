package org.dqms.platform;

/**
 * A setting that dqms cannot start with. The message is one line that names the setting (usually
 * the environment variable) and what is wrong with it; it never contains a secret.
 */
public class InvalidSettingException extends RuntimeException {

    private final String setting;

    public InvalidSettingException(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
