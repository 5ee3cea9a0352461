package course.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The zero-install start: .devcontainer/devcontainer.json parses (JSON with comments) and asks for a JDK 25. */
class DevcontainerTest {

    private static final Path FILE = Course.findRoot().resolve(".devcontainer/devcontainer.json");

    @Test
    void isValidJsonWithCommentsAndNamesAJdk25() throws Exception {
        Map<String, String> values = flatten(Files.readString(FILE));

        assertThat(values.get("features/ghcr.io/devcontainers/features/java:1/version"))
            .as("the Java feature must install a JDK 25").isEqualTo("25");
        assertThat(values.get("postCreateCommand")).as("the Maven cache is warmed through the wrapper").contains("./mvnw");
        assertThat(values.get("customizations/vscode/extensions")).as("the Java test runner").contains("vscjava.vscode-java-pack");
    }

    @Test
    void badSyntaxIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> flatten("{ // fine\n \"a\": [1, 2 }"))
            .isInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
        org.assertj.core.api.Assertions.assertThatCode(() -> flatten("{ /* c */ \"a\": {\"b\": [\"x\", \"y\"]}, \"c\": 1 }"))
            .doesNotThrowAnyException();
    }

    /** Every scalar of a JSON document, keyed by its path (object keys joined by '/'; an array's items joined by newlines). */
    static Map<String, String> flatten(String json) throws Exception {
        JsonFactory factory = JsonFactory.builder()
                .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .build();
        Map<String, String> out = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        try (JsonParser p = factory.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case FIELD_NAME -> path.addLast(p.currentName());
                    case START_OBJECT, START_ARRAY -> { }
                    // A value (scalar, object or array) that ends inside an object ends that object's field.
                    case END_OBJECT, END_ARRAY -> { if (p.getParsingContext().inObject()) path.pollLast(); }
                    default -> {
                        out.merge(String.join("/", path), p.getText(), (a, b) -> a + "\n" + b);
                        if (p.getParsingContext().inObject()) path.pollLast();
                    }
                }
            }
        }
        return out;
    }
}
