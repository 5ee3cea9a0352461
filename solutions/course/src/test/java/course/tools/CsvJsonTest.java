package course.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvJsonTest {

    @Test
    void csvReadsQuotesDoubledQuotesLineBreaksAndCrlf() {
        String text = "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nlast,,\n";
        assertThat(Csv.parse(text)).containsExactly(
                List.of("a", "b", "c"),
                List.of("x, y", "say \"hi\"", "two\nlines"),
                List.of("last", "", ""));
    }

    @Test
    void csvRefusesAnUnclosedQuote() {
        assertThatThrownBy(() -> Csv.parse("a,\"open\n")).hasMessageContaining("not closed");
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertThat(Csv.line(List.of("plain", "with,comma", "with \"quote\"", " padded", ""))).isEqualTo(
                "plain,\"with,comma\",\"with \"\"quote\"\"\",\" padded\",\n");
        assertThat(Csv.parse(Csv.line(List.of("a,b", "c\"d", "e\nf")))).containsExactly(List.of("a,b", "c\"d", "e\nf"));
    }

    /** report.json is JSON a parser reads back (Jackson, test scope), whatever a submission's text holds. */
    @Test
    void reportJsonIsJsonWithEveryStringIntact() throws Exception {
        String nasty = "quote \" backslash \\ tab \t ctrl \u0001 é";
        var p = new Grader.Provenance("/srv/ann", null, "abc", "yes", "c0ffee", false, "2026-01-01T00:00:00Z", "--modules m", "bwrap", "f00d", "p01", 2);
        var g = new Grader.Grade("ann", List.of(new Grader.Score("m", "Ex01", 1, 2, 10, 5, nasty)), p, List.of(), List.of("x (ignored)"),
                List.of(new JavaSources.Hint("F.java", 3, "reads /proc")));
        String text = Gradebook.json(g);
        assertThat(text).contains("\"total\": 5,").contains("\"uncommitted_changes\": true").contains("\"ref\": null").contains("\"notes\": []");
        List<String> strings = new java.util.ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) if (t == JsonToken.VALUE_STRING) strings.add(parser.getText());
        }
        assertThat(strings).contains("/srv/ann", Grader.clean(nasty, 1000), "x (ignored)", "F.java", "reads /proc");
    }
}
