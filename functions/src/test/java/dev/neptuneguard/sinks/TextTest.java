package dev.neptuneguard.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void snsSubject_unicodeAndNewlines_becomesPrintableAscii() {
        String subject = Text.snsSubject("[CRITICAL] Key “prod” — deletion\nscheduled… ✓");

        assertThat(subject).isEqualTo("[CRITICAL] Key ?prod? - deletion scheduled... ?");
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c <= 0x7e);
    }

    @Test
    void snsSubject_longText_cutTo100WithEllipsis() {
        String subject = Text.snsSubject("x".repeat(300));

        assertThat(subject).hasSize(100).endsWith("...");
    }

    @Test
    void snsSubject_blank_hasAFallback() {
        assertThat(Text.snsSubject(" \n ")).isEqualTo("neptune-guard finding");
    }

    @Test
    void firstWithMore_overLimit_endsWithCount() {
        List<String> lines = Text.firstWithMore(List.of("a", "b", "c", "d"), 2);

        assertThat(lines).containsExactly("a", "b", "… and 2 more");
    }

    @Test
    void mrkdwn_controlCharacters_escaped() {
        assertThat(Text.mrkdwn("<your-key> & more")).isEqualTo("&lt;your-key&gt; &amp; more");
    }

    @Test
    void visible_ansiOscAndLineBreaks_shownEscapedOnOneLine() {
        String hostile = "graph\u001b[2J\u001b]0;pwned\u0007\r\nCRITICAL forged\tx\u009b\u007f";

        String shown = Text.visible(hostile);

        assertThat(shown).isEqualTo("graph\\x1B[2J\\x1B]0;pwned\\x07\\r\\nCRITICAL forged\\tx\\x9B\\x7F");
        assertThat(Text.hasControls(shown)).isFalse();
    }

    @Test
    void visible_bidiOverrideAndLineSeparator_shownAsUnicodeEscapes() {
        assertThat(Text.visible("abc\u202Egnp.exe\u2028x")).isEqualTo("abc\\u202Egnp.exe\\u2028x");
    }

    @Test
    void visible_plainTextAndUnicodeLetters_unchanged() {
        String plain = "graph-prod \\ arn:aws:rds:eu-west-1:1:cluster:x “ü” 中文";

        assertThat(Text.visible(plain)).isSameAs(plain);
        assertThat(Text.visible(null)).isEmpty();
    }

    @Test
    void visibleLines_lineFeedKept_otherControlsEscaped() {
        assertThat(Text.visibleLines("a\nb\rc\u001b")).isEqualTo("a\nb\\rc\\x1B");
    }

    @Test
    void code_backtickAndMarkup_cannotEndTheSpan() {
        String span = Text.code("graph`*bold* <!channel>`\n");

        assertThat(span).startsWith("`").endsWith("`");
        assertThat(span.substring(1, span.length() - 1)).doesNotContain("`").doesNotContain("<").doesNotContain("\n");
        assertThat(span).isEqualTo("`graph\u02cb*bold* &lt;!channel&gt;\u02cb\\n`");
    }

    @Test
    void codeBlock_tripleBacktick_cannotCloseTheBlock() {
        String body = Text.codeBlock("aws neptune x --db-cluster-identifier 'a```b'\nline2\u001b");

        assertThat(body).doesNotContain("`").contains("\nline2").endsWith("\\x1B");
    }

    @Test
    void jsonEscapeControls_c1AndBidi_validJsonEscapes() throws Exception {
        String json = "{\"a\":\"x\u009b2Jy\u202e\u007f\"}";

        String shown = Text.jsonEscapeControls(json);

        assertThat(Text.hasControls(shown)).isFalse();
        assertThat(dev.neptuneguard.json.Json.MAPPER.readTree(shown).get("a").asText())
                .isEqualTo("x\u009b2Jy\u202e\u007f");
    }

    @Test
    void countdown_sixDaysThreeHours_roundsDown() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        assertThat(Countdown.relative(now.plus(Duration.ofHours(6 * 24 + 3)), now)).isEqualTo("in 6 days");
        assertThat(Countdown.relative(now.plus(Duration.ofMinutes(90)), now)).isEqualTo("in 1 hour");
        assertThat(Countdown.relative(now.minus(Duration.ofDays(2)), now)).isEqualTo("2 days ago");
        assertThat(Countdown.withDate(now.plus(Duration.ofDays(1)), now)).isEqualTo("2026-11-24 10:00 UTC (in 1 day)");
    }

    @Test
    void consoleLinks_clusterAndKey_pointAtTheirConsolePages() {
        assertThat(ConsoleLinks.cluster(TestFindings.clusterArn("graph-prod")))
                .isEqualTo("https://console.aws.amazon.com/neptune/home?region=us-east-1#database:id=graph-prod;"
                        + "is-cluster=true");
        assertThat(ConsoleLinks.key(TestFindings.KEY_ARN))
                .isEqualTo("https://console.aws.amazon.com/kms/home?region=us-east-1#/kms/keys/" + TestFindings.KEY_ID);
        assertThat(ConsoleLinks.key("arn:aws-cn:kms:cn-north-1:111122223333:key/abc"))
                .startsWith("https://console.amazonaws.cn/kms/home?region=cn-north-1");
        assertThat(ConsoleLinks.cluster(TestFindings.KEY_ARN)).isNull();
    }
}
