package org.dqms.queue;

/** Which token a capability link names, and its department. */
public record TokenRef(long tokenId, long departmentId) {}
