package io.codara.search.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;

import io.codara.search.internal.dependencies.Dependency;
import io.codara.search.internal.symbols.SymbolDefinition;

/**
 * The fields of the code index, one document per repository, branch and path, and how a file becomes a document.
 * Repositories are named by id only: names, visibility and permissions are looked up when a query runs, so a rename,
 * transfer or visibility change needs no reindexing and can never leave a stale name or permission in the index.
 */
final class CodeFields {

    /** Unique key: repository id, branch, path. */
    static final String KEY = "key";
    /** Repository id and branch: what a query's repository and branch filters select. */
    static final String REPOSITORY_BRANCH = "repo_branch";
    /** Repository id (decimal), indexed and stored. */
    static final String REPOSITORY = "repo";
    static final String BRANCH = "branch";
    static final String PATH = "path";
    /** The path lower-cased, for {@code path:} globs and substrings. */
    static final String PATH_LOWER = "path_lc";
    /** The path lower-cased and reversed: a suffix of a path (a stack frame's file) is a prefix of this. */
    static final String PATH_REVERSED = "path_rev";
    /** The path's identifiers, so that terms find file names too. */
    static final String PATH_TOKENS = "path_tokens";
    static final String SHA = "sha";
    static final String LANGUAGE = "language";
    /** The language lower-cased, for {@code lang:}. */
    static final String LANGUAGE_LOWER = "lang";
    /** {@code ordinary}, or any of {@code test, vendored, generated, documentation}. */
    static final String FLAGS = "flags";
    static final String ORDINARY = "ordinary";
    /** Identifier tokens of the content (positions kept for phrases of parts). */
    static final String CONTENT = "content";
    /** The content itself, stored compressed, for line matches and verification. */
    static final String TEXT = "text";
    static final String TRIGRAMS = "trigrams";
    /** Defined symbols' names, lower-cased. */
    static final String SYMBOL = "symbol";
    /**
     * The initials of defined symbols' camelCase and snake_case parts, lower-cased ({@code pd} for
     * {@code parseDate}), for abbreviated symbol queries.
     */
    static final String SYMBOL_INITIALS = "symbol_initials";
    /** Defined symbols, one per line: name, kind, container, line, signature, tab-separated. */
    static final String DEFINITIONS = "defs";
    /** The text of the file's comments and docstrings, as identifier tokens: what natural-language queries read. */
    static final String COMMENTS = "comments";
    /** Content size in bytes (doc values, for statistics). */
    static final String SIZE = "size";

    // Dependency documents: one per declaration of a manifest or lockfile, beside the code documents in the same
    // index (so one Lucene commit covers a file and what it declares). They carry none of the code fields above, so
    // no code query can match them.
    /** Repository id, branch and manifest path: what a change of the manifest replaces. */
    static final String DEP_FILE = "dep_file";
    /** Repository id and branch, as {@link #REPOSITORY_BRANCH}. */
    static final String DEP_REPOSITORY_BRANCH = "dep_repo_branch";
    /** Repository id (decimal), indexed and stored. */
    static final String DEP_REPOSITORY = "dep_repo";
    static final String DEP_BRANCH = "dep_branch";
    static final String DEP_ECOSYSTEM = "dep_ecosystem";
    /** The package's name as declared, stored. */
    static final String DEP_NAME = "dep_name";
    /** The package's name lower-cased, indexed. */
    static final String DEP_NAME_LOWER = "dep_name_lc";
    static final String DEP_REQUIREMENT = "dep_requirement";
    static final String DEP_VERSION = "dep_version";
    static final String DEP_SCOPE = "dep_scope";
    static final String DEP_MANIFEST = "dep_manifest";
    static final String DEP_LINE = "dep_line";

    private static final FieldType TRIGRAM_TYPE = new FieldType();

    static {
        TRIGRAM_TYPE.setIndexOptions(IndexOptions.DOCS);
        TRIGRAM_TYPE.setTokenized(true);
        TRIGRAM_TYPE.setOmitNorms(true);
        TRIGRAM_TYPE.freeze();
    }

    private CodeFields() {
    }

    static String key(long repositoryId, String branch, String path) {
        return repositoryId + "\u0000" + branch + "\u0000" + path;
    }

    static String repositoryBranch(long repositoryId, String branch) {
        return repositoryId + "\u0000" + branch;
    }

    static Term keyTerm(long repositoryId, String branch, String path) {
        return new Term(KEY, key(repositoryId, branch, path));
    }

    static Document document(IndexedFile file) {
        Document doc = new Document();
        doc.add(new StringField(KEY, key(file.repositoryId(), file.branch(), file.path()), Field.Store.NO));
        doc.add(new StringField(REPOSITORY_BRANCH, repositoryBranch(file.repositoryId(), file.branch()), Field.Store.NO));
        doc.add(new StringField(REPOSITORY, Long.toString(file.repositoryId()), Field.Store.YES));
        doc.add(new StoredField(BRANCH, file.branch()));
        doc.add(new StoredField(PATH, file.path()));
        doc.add(new StringField(PATH_LOWER, file.path().toLowerCase(Locale.ROOT), Field.Store.NO));
        doc.add(new StringField(PATH_REVERSED, reversedPath(file.path()), Field.Store.NO));
        doc.add(new TextField(PATH_TOKENS, file.path(), Field.Store.NO));
        doc.add(new StoredField(SHA, file.sha()));
        if (file.language() != null) {
            doc.add(new StoredField(LANGUAGE, file.language()));
            doc.add(new StringField(LANGUAGE_LOWER, file.language().toLowerCase(Locale.ROOT), Field.Store.NO));
        }
        for (String flag : flags(file)) {
            doc.add(new StringField(FLAGS, flag, Field.Store.NO));
        }
        doc.add(new TextField(CONTENT, file.text(), Field.Store.NO));
        doc.add(new StoredField(TEXT, file.text()));
        doc.add(new Field(TRIGRAMS, Trigrams.stream(Trigrams.of(file.text())), TRIGRAM_TYPE));
        StringBuilder definitions = new StringBuilder();
        for (SymbolDefinition d : file.definitions()) {
            doc.add(new StringField(SYMBOL, d.name().toLowerCase(Locale.ROOT), Field.Store.NO));
            doc.add(new StringField(SYMBOL_INITIALS, initials(d.name()), Field.Store.NO));
            definitions.append(clean(d.name())).append('\t').append(clean(d.kind())).append('\t')
                    .append(d.container() == null ? "" : clean(d.container())).append('\t').append(d.line())
                    .append('\t').append(d.signature() == null ? "" : clean(d.signature())).append('\n');
        }
        if (definitions.length() > 0) {
            doc.add(new StoredField(DEFINITIONS, definitions.toString()));
        }
        StringBuilder comments = new StringBuilder();
        for (CommentExtractor.Comment c : CommentExtractor.comments(file.language(), file.path(), file.text())) {
            comments.append(c.text()).append('\n');
        }
        if (comments.length() > 0) {
            doc.add(new TextField(COMMENTS, comments.toString(), Field.Store.NO));
        }
        doc.add(new NumericDocValuesField(SIZE, file.bytes()));
        return doc;
    }

    /** What {@link #PATH_REVERSED} holds for {@code path}. */
    static String reversedPath(String path) {
        return new StringBuilder(path.toLowerCase(Locale.ROOT)).reverse().toString();
    }

    /** The document of one dependency declared on a branch. */
    static Document dependency(long repositoryId, String branch, String path, Dependency d) {
        Document doc = new Document();
        doc.add(new StringField(DEP_FILE, key(repositoryId, branch, path), Field.Store.NO));
        doc.add(new StringField(DEP_REPOSITORY_BRANCH, repositoryBranch(repositoryId, branch), Field.Store.NO));
        doc.add(new StringField(DEP_REPOSITORY, Long.toString(repositoryId), Field.Store.YES));
        doc.add(new StoredField(DEP_BRANCH, branch));
        doc.add(new StringField(DEP_ECOSYSTEM, d.ecosystem(), Field.Store.YES));
        doc.add(new StoredField(DEP_NAME, d.name()));
        doc.add(new StringField(DEP_NAME_LOWER, d.name().toLowerCase(Locale.ROOT), Field.Store.NO));
        if (d.requirement() != null) {
            doc.add(new StoredField(DEP_REQUIREMENT, d.requirement()));
        }
        if (d.version() != null) {
            doc.add(new StoredField(DEP_VERSION, d.version()));
        }
        if (d.scope() != null) {
            doc.add(new StoredField(DEP_SCOPE, d.scope()));
        }
        doc.add(new StoredField(DEP_MANIFEST, path));
        doc.add(new StoredField(DEP_LINE, d.line()));
        return doc;
    }

    /** The dependency a {@link #dependency} document holds. */
    static Dependency dependency(Document doc) {
        return new Dependency(doc.get(DEP_ECOSYSTEM), doc.get(DEP_NAME), doc.get(DEP_REQUIREMENT),
                doc.get(DEP_VERSION), doc.get(DEP_SCOPE), doc.get(DEP_MANIFEST),
                doc.getField(DEP_LINE).numericValue().intValue());
    }

    /** The lower-cased first letters of an identifier's parts: {@code pd} for {@code parseDate} or {@code PARSE_DATE}. */
    static String initials(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : Identifiers.parts(name)) {
            out.append(part.charAt(0));
        }
        return out.toString();
    }

    /**
     * The stored definitions of a file: name, kind, container (or {@code null}), line, signature (or {@code null});
     * documents indexed before signatures were stored have four fields.
     */
    static List<String[]> definitions(String stored) {
        List<String[]> out = new ArrayList<>();
        if (stored == null) {
            return out;
        }
        for (String line : stored.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length >= 4) {
                out.add(new String[] {f[0], f[1], f[2].isEmpty() ? null : f[2], f[3],
                        f.length > 4 && !f[4].isEmpty() ? f[4] : null});
            }
        }
        return out;
    }

    private static List<String> flags(IndexedFile file) {
        List<String> flags = new ArrayList<>();
        if (file.test()) {
            flags.add("test");
        }
        if (file.vendored()) {
            flags.add("vendored");
        }
        if (file.generated()) {
            flags.add("generated");
        }
        if (file.documentation()) {
            flags.add("documentation");
        }
        if (flags.isEmpty()) {
            flags.add(ORDINARY);
        }
        return flags;
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ');
    }
}
