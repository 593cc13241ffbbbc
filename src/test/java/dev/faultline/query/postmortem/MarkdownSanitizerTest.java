package dev.faultline.query.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A custom template's output can carry neither raw HTML nor links of other schemes (issue 20). */
class MarkdownSanitizerTest {

    @Test
    void raw_html_becomes_text() {
        String clean = MarkdownSanitizer.clean("# Title\n\nHello <script>alert(1)</script> there\n\n<div onclick=\"x()\">block</div>\n");
        assertThat(clean).contains("# Title").doesNotContainPattern("(?<!\\\\)<script").doesNotContainPattern("(?<!\\\\)<div");
        String html = PostmortemRenderer.html(clean, "t");
        assertThat(html).doesNotContain("<script>").doesNotContain("<div onclick").contains("&lt;script&gt;");
    }

    @Test
    void links_of_other_schemes_keep_their_text_only() {
        String clean = MarkdownSanitizer.clean("[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) "
                + "![img](data:image/svg+xml;base64,AAAA) [ok](https://example.com/a:b) [rel](#section)\n");
        assertThat(clean).contains("click").contains("data").doesNotContain("javascript:").doesNotContain("data:text")
                .doesNotContain("data:image").contains("(https://example.com/a:b)").contains("(#section)");
    }

    @Test
    void html_exports_drop_data_and_javascript_link_targets_whatever_the_template() {
        String html = PostmortemRenderer.html("[x](data:text/html;base64,PHNjcmlwdD4=) [y](javascript:alert(1)) [z](https://example.com)", "t");
        assertThat(html).doesNotContain("data:text/html").doesNotContain("javascript:").contains("href=\"https://example.com\"");
    }

    @Test
    void tables_and_emphasis_survive() {
        String clean = MarkdownSanitizer.clean("| a | b |\n|---|---|\n| *1* | ~~2~~ |\n");
        assertThat(PostmortemRenderer.html(clean, "t")).contains("<table>").contains("<em>1</em>").contains("<del>2</del>");
    }
}
