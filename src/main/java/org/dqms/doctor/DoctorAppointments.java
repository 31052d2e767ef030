package org.dqms.doctor;

/**
 * The appointments booked with a doctor, a record that keeps them from being deleted. The
 * appointment module provides it.
 */
public interface DoctorAppointments {

    /** How many appointments, of any status, name the doctor. */
    long withDoctor(long doctorId);
}
