package org.dqms.queue;

import java.time.Instant;
import java.util.Map;

/**
 * A department's board and the live view of some of its tokens, read in one transaction from one
 * read of the queue: what the live updates send after the department changed.
 *
 * @param nextOpeningOrClosing when the board's {@code open} turns next, by the clock alone; null if
 *     not within about a year
 */
public record QueueSnapshot(QueueBoard board, Map<Long, LiveToken> tokens, Instant nextOpeningOrClosing) {}
