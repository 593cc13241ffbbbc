package dev.faultline.query.postmortem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * What a custom template renders, made as safe as a built-in's output: the built-ins escape every
 * user text and write no raw HTML or odd links, but a custom template's own text could (a literal
 * {@code <script>}, a {@code data:} or {@code javascript:} link). So its Markdown is parsed, raw HTML
 * becomes literal text, links and images whose scheme is not http, https or mailto keep only their
 * text, and the result is written back as Markdown.
 */
public final class MarkdownSanitizer {

    static final Set<String> SCHEMES = Set.of("http", "https", "mailto");
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final MarkdownRenderer MARKDOWN = MarkdownRenderer.builder().extensions(EXTENSIONS).build();

    private MarkdownSanitizer() {
    }

    public static String clean(String markdown) {
        Node document = PARSER.parse(markdown);
        List<Node> unsafe = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline html) {
                unsafe.add(html);
            }

            @Override
            public void visit(HtmlBlock html) {
                unsafe.add(html);
            }

            @Override
            public void visit(Link link) {
                if (!allowed(link.getDestination())) {
                    unsafe.add(link);
                }
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                if (!allowed(image.getDestination())) {
                    unsafe.add(image);
                }
                visitChildren(image);
            }
        });
        for (Node node : unsafe) {
            if (node instanceof HtmlInline html) {
                html.insertBefore(new Text(html.getLiteral()));
                html.unlink();
            } else if (node instanceof HtmlBlock html) {
                Paragraph paragraph = new Paragraph();
                paragraph.appendChild(new Text(html.getLiteral().strip()));
                html.insertBefore(paragraph);
                html.unlink();
            } else {
                // the link's text stays, its target goes
                Node child = node.getFirstChild();
                while (child != null) {
                    Node next = child.getNext();
                    node.insertBefore(child);
                    child = next;
                }
                node.unlink();
            }
        }
        return MARKDOWN.render(document);
    }

    /** A relative target, or one whose scheme is http, https or mailto. */
    static boolean allowed(String destination) {
        if (destination == null) {
            return true;
        }
        String target = destination.strip();
        int colon = target.indexOf(':');
        if (colon < 0) {
            return true;
        }
        int slash = target.indexOf('/');
        if (slash >= 0 && slash < colon || target.indexOf('?') >= 0 && target.indexOf('?') < colon
                || target.indexOf('#') >= 0 && target.indexOf('#') < colon) {
            return true; // the colon is not a scheme's
        }
        return SCHEMES.contains(target.substring(0, colon).toLowerCase(Locale.ROOT));
    }
}
