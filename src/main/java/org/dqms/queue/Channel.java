package org.dqms.queue;

/** How the patient joined. */
public enum Channel {
    /** On their own phone, usually from the department's QR code. */
    WEB,
    /** Registered by reception staff. */
    RECEPTION,
    /** At a self-service kiosk in the hospital. */
    KIOSK,
    /** Checked in for a booked appointment. */
    APPOINTMENT
}
