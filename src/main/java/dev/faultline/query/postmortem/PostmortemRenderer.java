package dev.faultline.query.postmortem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Turns a rendered Markdown postmortem into its other formats, deterministically: the same
 * Markdown and render info always give the same bytes (the PDF's dates and document id are
 * derived from the knowledge time and the content, not from the clock).
 * <ul>
 *   <li>HTML: CommonMark (with GitHub tables and strike-through), raw HTML in the source escaped,
 *       link targets sanitised, in a standalone page with screen and print CSS;</li>
 *   <li>PDF: that page laid out by openhtmltopdf with the bundled DejaVu fonts;</li>
 *   <li>JSON: the document split into its sections (see docs/postmortems.md).</li>
 * </ul>
 */
public final class PostmortemRenderer {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true)
            .urlSanitizer(new org.commonmark.renderer.html.DefaultUrlSanitizer(MarkdownSanitizer.SCHEMES)).build();
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FONT = "DejaVu Sans";
    private static final byte[] REGULAR = resource("/postmortem/fonts/DejaVuSans.ttf");
    private static final byte[] BOLD = resource("/postmortem/fonts/DejaVuSans-Bold.ttf");
    private static final byte[] OBLIQUE = resource("/postmortem/fonts/DejaVuSans-Oblique.ttf");
    private static final byte[] MONO = resource("/postmortem/fonts/DejaVuSansMono.ttf");
    private static final String CSS = new String(resource("/postmortem/postmortem.css"), StandardCharsets.UTF_8);

    private PostmortemRenderer() {
    }

    public static byte[] render(PostmortemFormat format, String markdown, String title, PostmortemModel.RenderInfo info,
                                String incidentId) {
        return switch (format) {
            case MARKDOWN -> markdown.getBytes(StandardCharsets.UTF_8);
            case HTML -> html(markdown, title).getBytes(StandardCharsets.UTF_8);
            case PDF -> pdf(html(markdown, title), title, info);
            case JSON -> json(markdown, info, incidentId);
        };
    }

    /** A standalone XHTML page (well-formed, so the PDF renderer can read it too). */
    static String html(String markdown, String title) {
        String body = HTML.render(PARSER.parse(markdown));
        return "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
                + "<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
                + "<meta name=\"generator\" content=\"Faultline\" />\n"
                + "<title>" + xmlEscape(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n<article>\n"
                + body + "</article>\n</body>\n</html>\n";
    }

    static byte[] pdf(String xhtml, String title, PostmortemModel.RenderInfo info) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .useFastMode()
                    .usePDDocument(document)
                    .withProducer("Faultline")
                    .withHtmlContent(xhtml, null);
            builder.useFont(() -> new ByteArrayInputStream(REGULAR), FONT, 400, BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(BOLD), FONT, 700, BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> new ByteArrayInputStream(OBLIQUE), FONT, 400, BaseRendererBuilder.FontStyle.ITALIC, true);
            builder.useFont(() -> new ByteArrayInputStream(MONO), "DejaVu Sans Mono", 400, BaseRendererBuilder.FontStyle.NORMAL, true);
            try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
                renderer.createPDFWithoutClosing();
            }
            PDDocumentInformation meta = document.getDocumentInformation();
            Calendar when = calendar(info.knownAt());
            meta.setCreationDate(when);
            meta.setModificationDate(when);
            meta.setProducer("Faultline");
            meta.setCreator("Faultline postmortem export (" + info.template() + " v" + info.templateVersion() + ")");
            meta.setTitle(title);
            byte[] id = sha256(xhtml.getBytes(StandardCharsets.UTF_8));
            byte[] half = java.util.Arrays.copyOf(id, 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(half));
            ids.add(new COSString(half));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF", e);
        }
    }

    /**
     * {@code {format, template, templateVersion, incident{id, version, knownAt}, title,
     * sections[{heading, markdown, subsections[{heading, markdown}]}]}}.
     */
    static byte[] json(String markdown, PostmortemModel.RenderInfo info, String incidentId) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", "faultline-postmortem/1");
        doc.put("template", info.template());
        doc.put("templateVersion", info.templateVersion());
        Map<String, Object> incident = new LinkedHashMap<>();
        incident.put("id", incidentId);
        incident.put("version", info.incidentVersion());
        incident.put("knownAt", info.knownAt() == null ? null : info.knownAt().toString());
        doc.put("incident", incident);
        String title = null;
        List<Map<String, Object>> sections = new ArrayList<>();
        Map<String, Object> section = null;
        Map<String, Object> subsection = null;
        StringBuilder text = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```") || line.startsWith("~~~")) {
                fenced = !fenced;
            }
            int level = fenced ? 0 : headingLevel(line);
            if (level == 1 && title == null) {
                title = line.substring(2).strip();
                continue;
            }
            if (level == 2 || level == 3) {
                flush(text, subsection != null ? subsection : section);
                Map<String, Object> heading = new LinkedHashMap<>();
                heading.put("heading", line.substring(level + 1).strip());
                heading.put("markdown", "");
                if (level == 2) {
                    heading.put("subsections", new ArrayList<Map<String, Object>>());
                    sections.add(heading);
                    section = heading;
                    subsection = null;
                } else if (section != null) {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> subs = (List<Map<String, Object>>) section.get("subsections");
                    subs.add(heading);
                    subsection = heading;
                }
                continue;
            }
            text.append(line).append('\n');
        }
        flush(text, subsection != null ? subsection : section);
        doc.put("title", title);
        doc.put("sections", sections);
        try {
            return JSON.writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flush(StringBuilder text, Map<String, Object> target) {
        if (target != null) {
            target.put("markdown", text.toString().strip());
        }
        text.setLength(0);
    }

    private static int headingLevel(String line) {
        int level = 0;
        while (level < line.length() && line.charAt(level) == '#') {
            level++;
        }
        return level > 0 && level <= 6 && line.length() > level && line.charAt(level) == ' ' ? level : 0;
    }

    public static String sha256Hex(byte[] content) {
        StringBuilder hex = new StringBuilder(64);
        for (byte b : sha256(content)) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    public static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis((instant == null ? Instant.EPOCH : instant).toEpochMilli());
        return calendar;
    }

    private static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static byte[] resource(String path) {
        try (InputStream in = PostmortemRenderer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
