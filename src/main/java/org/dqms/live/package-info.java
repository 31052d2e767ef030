/**
 * Live updates: Server-Sent Events for the screens, fed by PostgreSQL LISTEN/NOTIFY so that every
 * instance behind the load balancer hears every change. See docs/adr/0013-live-updates.md.
 */
package org.dqms.live;
