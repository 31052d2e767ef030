package org.dqms.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open streams per client address on this instance, so that one address cannot take every stream
 * {@code DQMS_LIVE_MAX_STREAMS} allows. Counted as streams open and close, never per event; an
 * address without open streams is forgotten.
 */
final class StreamsPerClient {

    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    StreamsPerClient(int max) {
        this.max = max;
    }

    /** Counts one more stream of the address; false, counting nothing, if it has {@code max} already. */
    boolean tryOpen(String address) {
        boolean[] opened = {false};
        open.compute(address, (key, streams) -> {
            int now = streams == null ? 0 : streams;
            if (now >= max) {
                return streams;
            }
            opened[0] = true;
            return now + 1;
        });
        return opened[0];
    }

    /** One stream of the address has closed. */
    void closed(String address) {
        open.computeIfPresent(address, (key, streams) -> streams > 1 ? streams - 1 : null);
    }

    /** Open streams of the address. */
    int open(String address) {
        return open.getOrDefault(address, 0);
    }

    /** Addresses with open streams. */
    int addresses() {
        return open.size();
    }
}
