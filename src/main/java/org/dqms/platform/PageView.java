package org.dqms.platform;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list as every API shows it; {@code page} counts from 0.
 *
 * @param totalElements how many items all pages hold together
 */
public record PageView<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

    public static <T> PageView<T> of(List<T> content, int page, int size, long totalElements) {
        return new PageView<>(content, page, size, totalElements, (totalElements + size - 1) / size);
    }

    public <R> PageView<R> map(Function<T, R> mapper) {
        return new PageView<>(content.stream().map(mapper).toList(), page, size, totalElements, totalPages);
    }
}
