package dev.faultline.query.postmortem;

import java.util.Locale;
import java.util.Optional;

/** The formats a postmortem is rendered in, with their media type and file extension. */
public enum PostmortemFormat {
    MARKDOWN("text/markdown; charset=UTF-8", "md"),
    HTML("text/html; charset=UTF-8", "html"),
    PDF("application/pdf", "pdf"),
    JSON("application/json", "json");

    private final String mediaType;
    private final String extension;

    PostmortemFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code markdown}/{@code md}, {@code html}, {@code pdf}, {@code json}; case-insensitive. */
    public static Optional<PostmortemFormat> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "markdown", "md" -> Optional.of(MARKDOWN);
            case "html" -> Optional.of(HTML);
            case "pdf" -> Optional.of(PDF);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }
}
