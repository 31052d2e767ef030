package org.dqms.queue;

import java.time.Instant;
import java.util.List;

/**
 * What a department's waiting-room screen shows: who is called to which room, and the next numbers.
 * Token numbers only, never names or phones: the display board and its stream are public.
 *
 * @param waiting how many tokens wait in all; {@code upcoming} holds the first few
 * @param oldestJoinedAt when the longest-waiting token joined; null when nobody waits
 */
public record QueueBoard(
        long departmentId,
        String departmentName,
        boolean open,
        List<Calling> calling,
        List<Upcoming> upcoming,
        int waiting,
        Instant oldestJoinedAt) {

    /** How many waiting numbers a board lists. */
    public static final int UPCOMING = 8;

    /**
     * A token called to a room, or in consultation there.
     *
     * @param status {@code CALLED} or {@code IN_CONSULTATION}
     * @param recallCount grows with each recall, so a screen can tell a new call from one it has shown
     */
    public record Calling(
            long tokenId,
            String number,
            String room,
            String doctorName,
            String status,
            Instant calledAt,
            int recallCount) {}

    /** A waiting token; position 1 is next. */
    public record Upcoming(String number, int position, String priority) {}
}
