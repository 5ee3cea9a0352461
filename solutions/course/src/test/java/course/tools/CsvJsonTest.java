package course.tools;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    @Test
    void jsonWritesWhatItReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "quote \" backslash \\ tab \t line \n ctrl \u0001 é");
        m.put("whole", 10.0);
        m.put("part", 2.5);
        m.put("flag", true);
        m.put("nothing", null);
        m.put("list", List.of("a", 1.0));
        m.put("nested", List.of(Map.of("k", "v")));
        String text = Json.write(m);
        assertThat(text).contains("\"whole\": 10,").contains("\"part\": 2.50");
        Map<String, Object> back = new LinkedHashMap<>(m);
        back.put("list", List.of("a", 1.0));
        assertThat(Json.parse(text)).isEqualTo(back);
    }

    @Test
    void jsonRefusesWhatIsNotJson() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).hasMessageContaining("JSON");
        assertThatThrownBy(() -> Json.parse("[1, 2")).hasMessageContaining("JSON");
        assertThatThrownBy(() -> Json.parse("{} x")).hasMessageContaining("after the value");
    }
}
