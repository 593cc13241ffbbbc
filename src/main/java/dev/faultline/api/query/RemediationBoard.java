package dev.faultline.api.query;

import java.util.List;
import java.util.Map;

/** One page of the action board, and how many matching actions have each status (the status filter aside). */
public record RemediationBoard(long total, int page, int size, Map<String, Long> byStatus, List<RemediationItem> items) {
}
