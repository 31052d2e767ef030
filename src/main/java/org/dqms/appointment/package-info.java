/**
 * Appointments: bookable slots per department or doctor, booking with a manage link, reschedule
 * and cancel up to a cut-off, and check-in, which turns an appointment into a token in the same
 * queue as walk-ins. See docs/adr/0015-appointments-in-the-walk-in-queue.md.
 */
package org.dqms.appointment;
