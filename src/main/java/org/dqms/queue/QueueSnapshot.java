package org.dqms.queue;

import java.util.Map;

/**
 * A department's board and the live view of some of its tokens, read in one transaction from one
 * read of the queue: what the live updates send after the department changed.
 */
public record QueueSnapshot(QueueBoard board, Map<Long, LiveToken> tokens) {}
