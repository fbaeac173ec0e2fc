package io.portcullis.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

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
        if (!Files.isRegularFile(path)) {
            throw new ConfigException(List.of(origin + ": no such file"));
        }
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
            Map<String, Object> flat = new LinkedHashMap<>();
            if (root == null || root.isNull() || root.isMissingNode()) return flat;
            if (!root.isObject()) throw new ConfigException(List.of(path + ": the YAML document must be a mapping of keys to values"));
            flatten("", root, flat);
            return flat;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's message names line and column; it holds no value worth hiding.
            throw new ConfigException(List.of(path + ": not valid YAML (" + e.getOriginalMessage() + ")"));
        } catch (IOException e) {
            throw new ConfigException(List.of(path + ": cannot be read (" + e.getMessage() + ")"));
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, out);
            } else if (value.isArray()) {
                List<String> items = new ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                out.put(key, items);
            } else if (!value.isNull()) {
                out.put(key, value.asText());
            }
        }
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
