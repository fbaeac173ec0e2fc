package io.portcullis.mail;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.portcullis.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The texts of every mail, as Mustache templates: the built-in ones, each replaceable by an
 * operator's file of the same name in {@code mail.templatesDir}. All are compiled and tried at
 * start-up, so a typo in a template stops the server instead of a mail.
 */
public final class MailTemplates {
    private static final String BUILT_IN = "/io/portcullis/mail/templates/";
    // Strict: a variable or section the template does not know is an error, not an empty string.
    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).strictSections(true).emptyStringIsFalse(true);
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).strictSections(true).emptyStringIsFalse(true);

    private record Compiled(Template subject, Template text, Template html) {}

    private final Map<MailTemplate, Compiled> templates;

    private MailTemplates(Map<MailTemplate, Compiled> templates) {
        this.templates = templates;
    }

    /** The built-in texts. */
    public static MailTemplates builtIn() {
        return load(null);
    }

    /**
     * The built-in texts, with those found in {@code directory} (may be null) in their place. A
     * template replaced there takes its HTML body only from there too: without {@code name.html} its
     * mail is plain text, so the two bodies cannot say different things.
     *
     * @throws ConfigException naming every file that is unknown, unreadable or not a valid template
     */
    public static MailTemplates load(Path directory) {
        List<String> problems = new ArrayList<>();
        Set<String> files = directory == null ? Set.of() : listFiles(directory, problems);
        Map<MailTemplate, Compiled> compiled = new EnumMap<>(MailTemplate.class);
        Set<String> known = new TreeSet<>();
        for (MailTemplate template : MailTemplate.values()) {
            String txt = template.fileName() + ".txt";
            String html = template.fileName() + ".html";
            known.add(txt);
            known.add(html);
            boolean own = files.contains(txt);
            if (!own && files.contains(html)) {
                problems.add("mail.templatesDir: " + html + " needs " + txt + " beside it (the subject and plain-text body)");
                continue;
            }
            try {
                String text = own ? read(directory.resolve(txt)) : builtIn(txt);
                String htmlText = own ? (files.contains(html) ? read(directory.resolve(html)) : null) : builtIn(html);
                String where = own ? directory.resolve(txt).toString() : "built-in " + txt;
                Compiled c = compile(template, text, htmlText, where, problems);
                if (c != null) compiled.put(template, c);
            } catch (UncheckedIOException e) {
                problems.add("mail.templatesDir: cannot read " + template.fileName() + ": " + e.getCause().getMessage());
            }
        }
        for (String file : files) {
            if (!known.contains(file)) {
                problems.add("mail.templatesDir: unknown template file " + file + " (known: " + String.join(", ", known) + ")");
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new MailTemplates(compiled);
    }

    /** The message to {@code to}, from the template and its variables. */
    public MailMessage render(MailTemplate template, String to, Map<String, ?> values) {
        if (!values.keySet().equals(Set.copyOf(template.variables()))) {
            throw new IllegalArgumentException(template + " takes " + template.variables() + ", given " + values.keySet());
        }
        Compiled c = templates.get(template);
        // A subject is one header line whatever a variable holds.
        String subject = c.subject().execute(values).replaceAll("[\\r\\n]+", " ").strip();
        return new MailMessage(to, subject, c.text().execute(values), c.html() == null ? null : c.html().execute(values));
    }

    private static Compiled compile(MailTemplate template, String text, String html, String where, List<String> problems) {
        String normalised = text.replace("\r\n", "\n");
        int end = normalised.indexOf('\n');
        String first = end < 0 ? normalised : normalised.substring(0, end);
        if (!first.startsWith("Subject:") || first.substring("Subject:".length()).isBlank()) {
            problems.add(where + ": the first line must be \"Subject: …\", then a blank line, then the body");
            return null;
        }
        String body = end < 0 ? "" : normalised.substring(end + 1).replaceFirst("^\n", "");
        try {
            Compiled c = new Compiled(TEXT.compile(first.substring("Subject:".length()).strip()), TEXT.compile(body),
                    html == null ? null : HTML.compile(html));
            // Rendered once with every variable set, so an unknown name fails here and not in a mail.
            Map<String, Object> sample = new HashMap<>();
            for (String v : template.variables()) sample.put(v, "byAdmin".equals(v) ? Boolean.TRUE : "x");
            c.subject().execute(sample);
            c.text().execute(sample);
            if (c.html() != null) c.html().execute(sample);
            return c;
        } catch (MustacheException e) {
            problems.add(where + ": " + e.getMessage() + " (variables: " + String.join(", ", template.variables()) + ")");
            return null;
        }
    }

    private static Set<String> listFiles(Path directory, List<String> problems) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> entries = Files.list(directory)) {
            entries.filter(Files::isRegularFile).forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            problems.add("mail.templatesDir=" + directory + " cannot be read: " + e.getMessage());
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String builtIn(String file) {
        try (InputStream in = MailTemplates.class.getResourceAsStream(BUILT_IN + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
