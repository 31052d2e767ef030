package org.dqms.audit;

/** What an audit entry records; stored by name. */
public enum AuditAction {
    /** An email and password matched an enabled account. */
    SIGN_IN,
    /** A sign-in was refused: wrong credentials, a disabled account, or a locked email. */
    SIGN_IN_FAILED,
    /** A failed sign-in locked the email. */
    SIGN_IN_LOCKED_OUT,
    /** A patient created their own account. */
    SIGN_UP,
    /** Someone else (an administrator, the bootstrap, a command) created an account. */
    ACCOUNT_CREATED,
    /** An administrator changed an account's role, or its departments or doctor. */
    ROLE_CHANGED,
    /** An administrator disabled an account: it can no longer sign in or refresh. */
    ACCOUNT_DISABLED,
    /** An administrator enabled a disabled account again. */
    ACCOUNT_ENABLED,
    /** A department was created. */
    DEPARTMENT_CREATED,
    /** A department's details changed. */
    DEPARTMENT_UPDATED,
    /** A department was deleted. */
    DEPARTMENT_DELETED,
    /** A department's weekly hours and closed dates were replaced. */
    DEPARTMENT_HOURS_SET,
    /** A department was closed on one date. */
    DEPARTMENT_CLOSED_ON,
    /** A department's closed date was reopened. */
    DEPARTMENT_REOPENED_ON,
    /** A doctor was created. */
    DOCTOR_CREATED,
    /** A doctor's details changed. */
    DOCTOR_UPDATED,
    /** A doctor was deleted. */
    DOCTOR_DELETED,
    /** A doctor's duty status changed. */
    DOCTOR_DUTY_CHANGED,
    /** A token was called to a doctor. */
    TOKEN_CALLED,
    /** A called token went back to waiting. */
    TOKEN_RECALLED,
    /** A consultation started. */
    TOKEN_STARTED,
    /** A consultation was completed. */
    TOKEN_COMPLETED,
    /** A called patient did not come. */
    TOKEN_NO_SHOW,
    /** A token was cancelled. */
    TOKEN_CANCELLED,
    /** A token was transferred to another department or doctor. */
    TOKEN_TRANSFERRED,
    /** A waiting token expired at closing time. */
    TOKEN_EXPIRED,
    /** The doctor a patient waited for left the department; any of its doctors may call them. */
    TOKEN_PREFERENCE_RELEASED
}
