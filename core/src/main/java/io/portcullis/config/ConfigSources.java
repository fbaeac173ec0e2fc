package io.portcullis.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The raw sources of configuration, lowest priority first: YAML file, {@code PORTCULLIS_*}
 * environment variables, {@code -Dportcullis.*} system properties. Values are strings, or lists of
 * strings for YAML sequences.
 */
public final class ConfigSources {
    static final String ENV_PREFIX = "PORTCULLIS_";
    static final String PROPERTY_PREFIX = "portcullis.";
    /** Names the YAML file; it is not itself a configuration key. */
    public static final String CONFIG_FILE_VARIABLE = "PORTCULLIS_CONFIG";
    private static final YAMLFactory YAML = new YAMLFactory();

    final Map<String, Object> file;
    final String fileName;
    final Map<String, String> environment;
    final Map<String, String> properties;

    private ConfigSources(Map<String, Object> file, String fileName, Map<String, String> environment, Map<String, String> properties) {
        this.file = file;
        this.fileName = fileName;
        this.environment = environment;
        this.properties = properties;
    }

    /** Reads the file named by {@code configFile}, else by {@code PORTCULLIS_CONFIG}, plus the given environment and properties. */
    public static ConfigSources load(Path configFile, Map<String, String> env, Properties props) {
        Path path = configFile;
        String origin = "--config " + path;
        if (path == null && env.get(CONFIG_FILE_VARIABLE) != null && !env.get(CONFIG_FILE_VARIABLE).isBlank()) {
            path = Path.of(env.get(CONFIG_FILE_VARIABLE));
            origin = CONFIG_FILE_VARIABLE + "=" + path;
        }
        Map<String, Object> file = path == null ? Map.of() : readYaml(path, origin);
        Map<String, String> environment = new LinkedHashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && !k.equals(CONFIG_FILE_VARIABLE)) environment.put(k, v);
        });
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX)) properties.put(name.substring(PROPERTY_PREFIX.length()), props.getProperty(name));
        }
        return new ConfigSources(file, path == null ? null : path.toString(), environment, properties);
    }

    /** Only the given file-like map (tests, embedders); no environment, no properties. */
    public static ConfigSources of(Map<String, ?> values) {
        Map<String, Object> flat = new LinkedHashMap<>();
        values.forEach((k, v) -> flat.put(k, v instanceof List<?> l ? l.stream().map(String::valueOf).toList() : String.valueOf(v)));
        return new ConfigSources(flat, "(given)", Map.of(), Map.of());
    }

    private static Map<String, Object> readYaml(Path path, String origin) {
        if (Files.isDirectory(path)) throw new ConfigException(List.of(origin + ": is a directory, not a YAML file"));
        if (!Files.isRegularFile(path)) throw new ConfigException(List.of(origin + ": no such file"));
        List<String> problems = new ArrayList<>();
        Map<String, Object> flat = new LinkedHashMap<>();
        try (JsonParser parser = YAML.createParser(path.toFile())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                readMapping(parser, "", flat, new HashSet<>(), problems);
            } else if (first != null && first != JsonToken.VALUE_NULL) {
                throw new ConfigException(List.of(path + ": the YAML document must be a mapping of keys to values"));
            }
            // Also after an empty first document (a leading "---"): the keys after it must not pass unread.
            if (first != null && parser.nextToken() != null) problems.add(path + ": holds more than one YAML document (---); put every key in one");
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(path + ": not valid YAML (" + describe(e) + ")"));
        } catch (IOException e) {
            throw new ConfigException(List.of(path + ": cannot be read (" + e.getMessage() + ")"));
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return flat;
    }

    /**
     * The keys of one mapping, flattened with dots. Scalars keep the text as written: {@code 0123} is the
     * string "0123", not the number 83, whatever YAML would make of it (a secret or a password made of
     * digits stays itself); only YAML's booleans become {@code true}/{@code false}.
     */
    private static void readMapping(JsonParser parser, String prefix, Map<String, Object> out, Set<String> seen, List<String> problems)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix.isEmpty() ? parser.currentName() : prefix + "." + parser.currentName();
            JsonToken value = parser.nextToken();
            if (!seen.add(key)) problems.add(key + ": set twice in the file");
            if (isAlias(parser)) {
                // The parser hands an alias over as its anchor's name, not as the anchored value.
                problems.add(key + ": YAML aliases (*name) are not supported; write the value itself");
                continue;
            }
            if (value == JsonToken.START_OBJECT) {
                readMapping(parser, key, out, seen, problems);
                continue;
            }
            Object read;
            if (value == JsonToken.START_ARRAY) {
                List<String> items = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    if (item == JsonToken.START_OBJECT || item == JsonToken.START_ARRAY) {
                        problems.add(key + ": list items must be single values");
                        parser.skipChildren();
                    } else if (isAlias(parser)) {
                        problems.add(key + ": YAML aliases (*name) are not supported; write the value itself");
                    } else {
                        items.add(scalar(parser, item));
                    }
                }
                read = items;
            } else {
                read = value == JsonToken.VALUE_NULL ? null : scalar(parser, value);
            }
            if (read != null) out.put(key, read);
        }
    }

    private static boolean isAlias(JsonParser parser) {
        return parser instanceof YAMLParser yaml && yaml.isCurrentAlias();
    }

    private static String scalar(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_TRUE) return "true";
        if (token == JsonToken.VALUE_FALSE) return "false";
        return parser.getText();
    }

    /**
     * Where and what, without the parser's quote of the offending line: that line may hold a password
     * (an unquoted one with a colon in it is a typical cause).
     */
    private static String describe(JsonProcessingException e) {
        // SnakeYAML's message: what went wrong at column 0, each followed by an indented "in 'reader', line
        // …" and an indented quote of the line with a caret. Only the unindented lines are kept.
        String what = String.join("; ", e.getOriginalMessage().lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0))).toList());
        JsonLocation at = e.getLocation();
        return (what.isEmpty() ? "a syntax error" : what) + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }
    /** {@code session.idleTimeout} → {@code PORTCULLIS_SESSION_IDLE_TIMEOUT}. */
    public static String environmentName(String key) {
        StringBuilder sb = new StringBuilder(ENV_PREFIX);
        for (char c : key.toCharArray()) {
            if (c == '.') sb.append('_');
            else if (Character.isUpperCase(c)) sb.append('_').append(c);
            else sb.append(Character.toUpperCase(c));
        }
        return sb.toString();
    }
}
