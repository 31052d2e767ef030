/**
 * Patient notifications through a transactional outbox: the intent to notify is stored with the
 * queue change it tells of, and a dispatcher sends it by SMS, WhatsApp or email, retrying with
 * backoff and handing the provider an idempotency key so that nothing is sent twice.
 */
package org.dqms.notifications;
