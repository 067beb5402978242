package io.codara.search.internal.symbols;

import io.codara.search.internal.symbols.Ctags.Tag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the ctags tags of one file into definitions: ctags' kinds, which differ per language, become the contract's
 * kinds; scopes become dotted containers; locals (anything declared inside a function), imports, packages clauses and
 * Rust's {@code impl} blocks are left out; the signature is the declaring source line.
 */
final class CtagsDefinitions {

    /** Scopes a definition is local to: what ctags reports inside them is not a definition one navigates to. */
    private static final Set<String> FUNCTION_SCOPES = Set.of("function", "method", "func", "singletonMethod",
            "getter", "setter", "generator", "constructor", "subroutine", "procedure", "prototype");

    /** Scopes that make a function a method and a variable a field. */
    private static final Set<String> TYPE_SCOPES = Set.of("class", "struct", "interface", "object", "trait", "enum",
            "union", "record", "implementation");

    /** ctags languages of prose, markup, data and configuration: their tags (headings, keys, ids) are no symbols. */
    private static final Set<String> NOT_CODE = Set.of("Abc", "Ant", "AnsiblePlaybook", "Asciidoc", "BibTeX", "CSS",
            "Ctags", "DBusIntrospect", "Diff", "DTD", "Glade", "HTML", "Iniconf", "JavaProperties", "JSON", "Man",
            "Markdown", "Maven2", "Passwd", "PlistXML", "Pod", "PythonLoggingConfig", "RelaxNG", "ReStructuredText",
            "RpmSpec", "SCSS", "SVG", "SystemdUnit", "Tex", "TeXBeamer", "Txt2tags", "XML", "XSLT", "Yaml",
            "YumRepo");

    /** Kinds that open a body, whose declaring line is cut before it for the signature. */
    private static final Set<String> BODY_KINDS = Set.of("class", "interface", "enum", "record", "struct", "trait",
            "module", "function", "method", "constructor");

    /** The same ctags kind names mean the same things in the languages without a table of their own. */
    private static final Map<String, String> GENERIC_KINDS = Map.ofEntries(Map.entry("class", "class"),
            Map.entry("interface", "interface"), Map.entry("struct", "struct"), Map.entry("enum", "enum"),
            Map.entry("trait", "trait"), Map.entry("module", "module"), Map.entry("namespace", "module"),
            Map.entry("function", "function"), Map.entry("func", "function"), Map.entry("subroutine", "function"),
            Map.entry("procedure", "function"), Map.entry("method", "method"), Map.entry("macro", "macro"),
            Map.entry("constant", "constant"), Map.entry("field", "field"), Map.entry("member", "field"),
            Map.entry("property", "property"), Map.entry("typedef", "type"), Map.entry("type", "type"),
            Map.entry("variable", "variable"), Map.entry("var", "variable"));

    private CtagsDefinitions() {
    }

    /** The definitions among {@code tags}, which ctags found in {@code source}, in ctags' order. */
    static List<SymbolDefinition> definitionsIn(List<Tag> tags, String source) {
        if (tags.isEmpty()) {
            return List.of();
        }
        Map<String, String> anonymousNames = typedefNamesOfAnonymousTypes(tags);
        String[] lines = source.split("\r\n|\r|\n", -1);
        List<SymbolDefinition> out = new ArrayList<>();
        for (Tag tag : tags) {
            if (isAnonymous(tag.name()) || isLocal(tag)) {
                continue;
            }
            String kind = kindOf(tag);
            if (kind == null || tag.line() < 1) {
                continue;
            }
            String signature = tag.line() <= lines.length
                    ? Signatures.fromSourceLine(lines[tag.line() - 1], BODY_KINDS.contains(kind)) : null;
            // A namespace's name is dotted like the containers it names (PHP writes App\Models).
            String name = "module".equals(kind) ? tag.name().replace("\\", ".") : tag.name();
            out.add(new SymbolDefinition(name, kind, container(tag.scope(), anonymousNames), tag.line(), signature));
        }
        return out;
    }

    private static boolean isLocal(Tag tag) {
        String scopeKind = tag.scopeKind();
        // Python's methods are "member"s; in the C family a member is a field and cannot enclose anything.
        return scopeKind != null && (FUNCTION_SCOPES.contains(scopeKind)
                || "Python".equals(tag.language()) && "member".equals(scopeKind));
    }

    /** The contract's kind of a tag, or {@code null} for tags that are no definitions (imports, packages, impls). */
    static String kindOf(Tag tag) {
        String kind = tag.kind();
        boolean inType = tag.scopeKind() != null && TYPE_SCOPES.contains(tag.scopeKind());
        boolean namedAsType = tag.name().equals(lastSegment(tag.scope()));
        return switch (tag.language()) {
            case "Kotlin" -> switch (kind) {
                case "class", "interface" -> kind;
                case "object" -> "class";
                case "typealias" -> "type";
                case "method" -> inType ? "method" : "function";
                // ctags calls every val a constant: in a type it is a property.
                case "constant" -> inType ? "property" : "constant";
                case "variable" -> inType ? "property" : "variable";
                default -> null;
            };
            case "JavaScript", "TypeScript" -> switch (kind) {
                case "class", "interface", "enum", "function", "constant", "variable", "property", "field" -> kind;
                case "generator" -> "function";
                case "enumerator" -> "constant";
                case "method" -> "constructor".equals(tag.name()) ? "constructor" : "method";
                case "getter", "setter" -> "property";
                case "alias" -> "type";
                case "namespace" -> "module";
                default -> null;
            };
            case "Python" -> switch (kind) {
                case "class", "function" -> kind;
                case "member" -> "__init__".equals(tag.name()) ? "constructor" : "method";
                case "variable" -> inType ? "field" : "variable";
                default -> null;
            };
            case "Go" -> switch (kind) {
                case "interface", "struct" -> kind;
                case "func" -> tag.scopeKind() == null || "package".equals(tag.scopeKind()) ? "function" : "method";
                case "methodSpec" -> "method";
                case "type", "talias" -> "type";
                case "member", "anonMember" -> "field";
                case "const" -> "constant";
                case "var" -> "variable";
                default -> null;
            };
            case "C", "C++", "CUDA" -> switch (kind) {
                case "class", "struct", "enum", "macro", "variable" -> kind;
                case "union" -> "struct";
                case "function" -> !inType ? "function" : namedAsType ? "constructor" : "method";
                case "member" -> "field";
                case "enumerator" -> "constant";
                case "typedef" -> "type";
                case "namespace" -> "module";
                default -> null;
            };
            case "Rust" -> switch (kind) {
                case "struct", "enum", "function", "method", "field", "module", "macro", "variable" -> kind;
                case "interface" -> "trait";
                case "enumerator" -> "constant";
                case "typedef" -> "type";
                default -> null;
            };
            case "C#" -> switch (kind) {
                case "class", "interface", "struct", "enum", "field", "property" -> kind;
                case "method" -> namedAsType ? "constructor" : "method";
                case "event" -> "field";
                case "enumerator" -> "constant";
                case "namespace" -> "module";
                case "typedef" -> "type";
                default -> null;
            };
            case "Ruby" -> switch (kind) {
                case "class", "module", "constant" -> kind;
                case "method" -> tag.scope() == null ? "function"
                        : "initialize".equals(tag.name()) ? "constructor" : "method";
                case "singletonMethod", "alias" -> "method";
                case "accessor" -> "property";
                default -> null;
            };
            case "PHP" -> switch (kind) {
                case "class", "interface", "trait" -> kind;
                case "function" -> !inType ? "function" : "__construct".equals(tag.name()) ? "constructor" : "method";
                case "define" -> "constant";
                case "variable" -> inType ? "field" : "variable";
                case "namespace" -> "module";
                default -> null;
            };
            default -> NOT_CODE.contains(tag.language()) ? null : GENERIC_KINDS.get(kind);
        };
    }

    /** ctags names anonymous structs {@code __anon<hash>}; a {@code typedef} often gives them their real name. */
    private static Map<String, String> typedefNamesOfAnonymousTypes(List<Tag> tags) {
        Map<String, String> names = new HashMap<>();
        for (Tag tag : tags) {
            String typeref = tag.typeref();
            if ("typedef".equals(tag.kind()) && typeref != null && typeref.contains("__anon")) {
                names.put(lastSegment(typeref.substring(typeref.indexOf(':') + 1)), tag.name());
            }
        }
        return names;
    }

    /** A scope with any language's separator ({@code ::}, {@code \}) as a dotted container, anonymous parts named. */
    private static String container(String scope, Map<String, String> anonymousNames) {
        if (scope == null || scope.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String part : scope.split("::|\\\\|\\.")) {
            if (isAnonymous(part)) {
                part = anonymousNames.get(part);
            }
            if (part != null && !part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? null : String.join(".", parts);
    }

    private static String lastSegment(String scope) {
        if (scope == null) {
            return null;
        }
        String[] parts = scope.split("::|\\\\|\\.");
        return parts[parts.length - 1];
    }

    private static boolean isAnonymous(String name) {
        return name.startsWith("__anon");
    }
}
