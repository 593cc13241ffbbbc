package dev.faultline.api.query;

import java.util.List;

/** One page of a longer result: {@code items} from {@code page * size}, out of {@code total}. */
public record Page<T>(long total, int page, int size, List<T> items) {
}
