package dev.faultline.query.postmortem;

import dev.faultline.api.value.TimePrecision;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns user text and times into Markdown that cannot change a document's structure: every
 * character CommonMark treats as markup is backslash-escaped and line breaks become spaces, so a
 * quote can neither open a heading or list, nor close a table cell, nor smuggle in HTML or a link.
 */
public final class MarkdownText {

    /** Inline markup anywhere: emphasis, code, links and images, HTML, entities, table cells, strike-through. */
    private static final String SPECIAL = "\\`*_[]<>|~!&";
    /** Block markup when it starts the text: heading, list, quote, setext underline. */
    private static final String LEADING = "#-+=>";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH':00 UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private MarkdownText() {
    }

    /** User text as inline Markdown: escaped, on one line. Null becomes the empty string. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            if (SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        if (out.length() > 0 && LEADING.indexOf(out.charAt(0)) >= 0) {
            out.insert(0, '\\');
        }
        int digits = 0;
        while (digits < out.length() && Character.isDigit(out.charAt(digits))) {
            digits++;
        }
        if (digits > 0 && digits < out.length() && (out.charAt(digits) == '.' || out.charAt(digits) == ')')) {
            out.insert(digits, '\\'); // "1. " would start an ordered list
        }
        return out.toString();
    }

    /** A time written as precisely as it is known: {@code 2025-11-18 11:20 UTC}, or only the date. */
    public static String time(Instant instant, TimePrecision precision) {
        if (instant == null) {
            return "";
        }
        TimePrecision p = precision == null ? TimePrecision.MINUTE : precision;
        return switch (p) {
            case DAY -> DAY.format(instant);
            case HOUR -> HOUR.format(instant);
            case MINUTE -> MINUTE.format(instant);
            case EXACT -> EXACT.format(instant);
        };
    }

    /** {@code 3 h 10 min}, {@code 45 min}, {@code 2 d 4 h}; empty for null. */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        long minutes = duration.toMinutes();
        if (minutes < 1) {
            return duration.toSeconds() + " s";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append(" d");
        }
        if (hours > 0) {
            out.append(out.isEmpty() ? "" : " ").append(hours).append(" h");
        }
        if (mins > 0 && days == 0) {
            out.append(out.isEmpty() ? "" : " ").append(mins).append(" min");
        }
        return out.toString();
    }

    /** An http(s) URL as a Markdown autolink target, or empty when it is not http(s). */
    public static String link(String url) {
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://"))) {
            return "";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '\\' || c == '`') {
                return "";
            }
        }
        return "<" + url + ">";
    }
}
