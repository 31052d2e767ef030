package org.dqms.doctor;

import java.util.List;

/** One page of a list as the API shows it; {@code page} counts from 0. */
record PageView<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

    static PageView<DoctorView> of(DoctorPage page) {
        return new PageView<>(
                page.content().stream().map(DoctorView::of).toList(),
                page.page(),
                page.size(),
                page.totalElements(),
                (page.totalElements() + page.size() - 1) / page.size());
    }
}
