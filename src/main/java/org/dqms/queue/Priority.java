package org.dqms.queue;

/** How urgently a patient must be seen. */
public enum Priority {
    /** Always called first. */
    EMERGENCY,
    /** Elderly, pregnant or disabled patients: before NORMAL, within the fairness rules. */
    PRIORITY,
    /** Everyone else, in order of arrival. */
    NORMAL
}
