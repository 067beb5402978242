package io.codara.search.internal.symbols;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.AnnotationDeclaration;
import com.github.javaparser.ast.body.AnnotationMemberDeclaration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.CompactConstructorDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.EnumConstantDeclaration;
import com.github.javaparser.ast.body.EnumDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.RecordDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.TypeParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads the definitions of one Java source file with JavaParser: types (classes, interfaces, enums, records,
 * annotation types) at any nesting, their methods, constructors, fields, enum constants and record components.
 * Declarations inside method bodies (local and anonymous classes) are not definitions one navigates to by name and are
 * left out. Not thread-safe: one instance per thread or batch.
 */
final class JavaDefinitions {

    private final JavaParser parser = new JavaParser(new ParserConfiguration()
            .setLanguageLevel(LanguageLevel.JAVA_21)
            // Comments are not needed for definitions. (Tokens are: without them nodes have no positions.)
            .setAttributeComments(false));

    /** The definitions in {@code source}, in source order; what JavaParser recovered when the source has errors. */
    List<SymbolDefinition> definitionsIn(String source) {
        ParseResult<CompilationUnit> result = parser.parse(source);
        if (result.getResult().isEmpty()) {
            return List.of();
        }
        CompilationUnit unit = result.getResult().get();
        String pkg = unit.getPackageDeclaration().map(p -> p.getNameAsString()).orElse(null);
        List<SymbolDefinition> out = new ArrayList<>();
        for (TypeDeclaration<?> type : unit.getTypes()) {
            addType(type, pkg, out);
        }
        return out;
    }

    private static void addType(TypeDeclaration<?> type, String container, List<SymbolDefinition> out) {
        String name = type.getNameAsString();
        add(out, name, typeKind(type), container, lineOf(type.getName(), type), typeSignature(type));
        String inner = container == null ? name : container + "." + name;
        boolean isInterface = type instanceof ClassOrInterfaceDeclaration c && c.isInterface()
                || type instanceof AnnotationDeclaration;
        if (type instanceof EnumDeclaration e) {
            for (EnumConstantDeclaration constant : e.getEntries()) {
                String args = constant.getArguments().isEmpty() ? ""
                        : constant.getArguments().stream().map(Node::toString).collect(Collectors.joining(", ", "(", ")"));
                add(out, constant.getNameAsString(), "constant", inner, lineOf(constant.getName(), constant),
                        constant.getNameAsString() + args);
            }
        }
        if (type instanceof RecordDeclaration r) {
            for (Parameter component : r.getParameters()) {
                add(out, component.getNameAsString(), "field", inner, lineOf(component.getName(), component),
                        component.getType() + " " + component.getNameAsString());
            }
        }
        for (BodyDeclaration<?> member : type.getMembers()) {
            if (member instanceof TypeDeclaration<?> nested) {
                addType(nested, inner, out);
            } else if (member instanceof MethodDeclaration m) {
                add(out, m.getNameAsString(), "method", inner, lineOf(m.getName(), m), callableSignature(m,
                        m.getType() + " "));
            } else if (member instanceof ConstructorDeclaration c) {
                add(out, c.getNameAsString(), "constructor", inner, lineOf(c.getName(), c), callableSignature(c, ""));
            } else if (member instanceof CompactConstructorDeclaration c) {
                add(out, c.getNameAsString(), "constructor", inner, lineOf(c.getName(), c), c.getNameAsString());
            } else if (member instanceof AnnotationMemberDeclaration a) {
                add(out, a.getNameAsString(), "method", inner, lineOf(a.getName(), a),
                        a.getType() + " " + a.getNameAsString() + "()");
            } else if (member instanceof FieldDeclaration f) {
                // Interface fields are implicitly static and final.
                String kind = isInterface || f.isStatic() && f.isFinal() ? "constant" : "field";
                for (VariableDeclarator v : f.getVariables()) {
                    add(out, v.getNameAsString(), kind, inner, lineOf(v.getName(), v),
                            v.getType() + " " + v.getNameAsString());
                }
            }
        }
    }

    private static String typeKind(TypeDeclaration<?> type) {
        if (type instanceof ClassOrInterfaceDeclaration c) {
            return c.isInterface() ? "interface" : "class";
        }
        if (type instanceof EnumDeclaration) {
            return "enum";
        }
        if (type instanceof RecordDeclaration) {
            return "record";
        }
        // An annotation type is an interface in Java's type system.
        return "interface";
    }

    private static String typeSignature(TypeDeclaration<?> type) {
        StringBuilder s = new StringBuilder();
        if (type instanceof ClassOrInterfaceDeclaration c) {
            s.append(c.isInterface() ? "interface " : "class ").append(c.getNameAsString())
                    .append(typeParameters(c.getTypeParameters()));
            appendTypes(s, " extends ", c.getExtendedTypes());
            appendTypes(s, " implements ", c.getImplementedTypes());
        } else if (type instanceof RecordDeclaration r) {
            s.append("record ").append(r.getNameAsString()).append(typeParameters(r.getTypeParameters()))
                    .append(r.getParameters().stream().map(p -> p.getType() + " " + p.getNameAsString())
                            .collect(Collectors.joining(", ", "(", ")")));
            appendTypes(s, " implements ", r.getImplementedTypes());
        } else if (type instanceof EnumDeclaration e) {
            s.append("enum ").append(e.getNameAsString());
            appendTypes(s, " implements ", e.getImplementedTypes());
        } else {
            s.append("@interface ").append(type.getNameAsString());
        }
        return s.toString();
    }

    private static void appendTypes(StringBuilder s, String keyword, NodeList<ClassOrInterfaceType> types) {
        if (!types.isEmpty()) {
            s.append(keyword).append(types.stream().map(Node::toString).collect(Collectors.joining(", ")));
        }
    }

    private static String typeParameters(NodeList<TypeParameter> parameters) {
        return parameters.isEmpty() ? ""
                : parameters.stream().map(Node::toString).collect(Collectors.joining(", ", "<", ">"));
    }

    private static String callableSignature(CallableDeclaration<?> callable, String returnType) {
        String typeParameters = typeParameters(callable.getTypeParameters());
        return (typeParameters.isEmpty() ? "" : typeParameters + " ") + returnType + callable.getNameAsString()
                + callable.getParameters().stream()
                        .map(p -> p.getType() + (p.isVarArgs() ? "..." : "") + " " + p.getNameAsString())
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    /** The line of a declaration's name, which is below its annotations and Javadoc. */
    private static int lineOf(Node name, Node declaration) {
        return name.getBegin().or(declaration::getBegin).map(p -> p.line).orElse(0);
    }

    private static void add(List<SymbolDefinition> out, String name, String kind, String container, int line,
            String signature) {
        if (line > 0) {
            out.add(new SymbolDefinition(name, kind, container, line, Signatures.oneLine(signature)));
        }
    }
}
