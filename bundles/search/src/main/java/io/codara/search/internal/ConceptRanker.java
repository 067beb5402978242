package io.codara.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.codara.api.search.Definition;
import io.codara.api.search.LineMatch;
import io.codara.api.search.TextRange;
import io.codara.api.search.spi.CandidateFile;
import io.codara.api.search.spi.RankedFile;
import io.codara.api.search.spi.SemanticCandidates;
import io.codara.api.search.spi.SemanticRanker;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;

/**
 * Codara's built-in natural-language ranking: each content word of the question is a concept, expanded by its
 * inflections and by related programming words ({@link CodeVocabulary}); a file scores for every concept it shows,
 * most in the names it defines and its path, then in its identifiers and comments, with the question's own words
 * counting more than related ones and several different related words more than one repeated. Files that show every
 * concept, and ordinary code rather than tests or documentation, come first. Registered at ranking 0, so that a
 * learnt ranker replaces it by registering higher.
 */
@Component(service = SemanticRanker.class, property = Constants.SERVICE_RANKING + ":Integer=0")
public final class ConceptRanker implements SemanticRanker {

    /** Candidates read per question. */
    static final int CANDIDATES = 300;
    /** Lines shown per file. */
    static final int LINES = 3;
    /** Weight of a related word against a word of the question. */
    static final double RELATED = 0.5;

    /** One idea of the question: its word's keys and forms, and related words' keys. */
    private record Concept(String word, Set<String> keys, Set<String> forms, Map<String, String> relatedKeys,
            Set<String> relatedForms) {
    }

    @Override
    public List<RankedFile> rank(String question, SemanticCandidates candidates, int limit) {
        CodeVocabulary vocabulary = new CodeVocabulary();
        List<Concept> concepts = concepts(question, vocabulary);
        if (concepts.isEmpty()) {
            return List.of();
        }
        List<Set<String>> groups = new ArrayList<>();
        for (Concept c : concepts) {
            Set<String> group = new LinkedHashSet<>(c.forms());
            group.addAll(c.relatedForms());
            groups.add(group);
        }
        List<RankedFile> ranked = new ArrayList<>();
        for (CandidateFile file : candidates.matching(groups, CANDIDATES)) {
            RankedFile r = score(file, concepts, vocabulary);
            if (r != null) {
                ranked.add(r);
            }
        }
        ranked.sort(Comparator.comparingDouble(RankedFile::score).reversed()
                .thenComparing(r -> r.file().repository()).thenComparing(r -> r.file().path()));
        return ranked.subList(0, Math.min(limit, ranked.size()));
    }

    /** The question's concepts: its words and identifiers' parts, filler left out, each once. */
    static List<Concept> concepts(String question, CodeVocabulary vocabulary) {
        Set<String> words = new LinkedHashSet<>();
        Identifiers.scan(question, 0, question.length(), (s, start, end, bounds, parts) -> {
            for (int p = 0; p < parts; p++) {
                words.add(s.subSequence(bounds[2 * p], bounds[2 * p + 1]).toString().toLowerCase(Locale.ROOT));
            }
        });
        List<Concept> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String w : words) {
            if (CodeVocabulary.FILLER.contains(w) || w.length() < 2 || !seen.addAll(vocabulary.keys(w))) {
                continue;
            }
            Map<String, String> relatedKeys = new LinkedHashMap<>();
            Set<String> relatedForms = new LinkedHashSet<>();
            for (String r : vocabulary.related(w)) {
                for (String k : vocabulary.keys(r)) {
                    relatedKeys.putIfAbsent(k, r);
                }
                relatedForms.addAll(CodeVocabulary.forms(r));
            }
            out.add(new Concept(w, vocabulary.keys(w), CodeVocabulary.forms(w), relatedKeys, relatedForms));
        }
        return out;
    }

    /** Per concept: evidence of the question's word and of each related word. */
    private static final class Evidence {
        double own;
        final Map<String, Double> related = new HashMap<>();

        double score() {
            double r = 0;
            for (double v : related.values()) {
                r += Math.log1p(v); // several related words say more than one word said often
            }
            return own + RELATED * r;
        }
    }

    private static RankedFile score(CandidateFile file, List<Concept> concepts, CodeVocabulary vocabulary) {
        Evidence[] evidence = new Evidence[concepts.size()];
        for (int i = 0; i < evidence.length; i++) {
            evidence[i] = new Evidence();
        }
        Set<String> matched = new LinkedHashSet<>();
        // Names: the path's and the defined symbols' parts are what a file is about.
        for (String part : Identifiers.parts(file.path().replace('/', '_').replace('.', '_').replace('-', '_'))) {
            credit(part, 3.0, concepts, vocabulary, evidence, matched);
        }
        Set<String> defined = new HashSet<>();
        for (Definition d : file.definitions()) {
            for (String part : Identifiers.parts(d.name())) {
                if (defined.add(part)) {
                    credit(part, 2.0, concepts, vocabulary, evidence, matched);
                }
            }
        }
        // Identifiers and comments, line by line: each occurrence counts, with diminishing returns per word.
        String text = file.text() == null ? "" : file.text();
        Map<String, Integer> occurrences = new HashMap<>();
        List<LineScore> lines = new ArrayList<>();
        int lineNumber = 1;
        for (int start = 0; start <= text.length(); lineNumber++) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            LineScore ls = new LineScore(lineNumber, line);
            Identifiers.scan(line, 0, line.length(), (s, from, to, bounds, parts) -> {
                for (int p = 0; p < parts; p++) {
                    String part = line.substring(bounds[2 * p], bounds[2 * p + 1]).toLowerCase(Locale.ROOT);
                    int concept = concept(part, concepts, vocabulary);
                    if (concept >= 0) {
                        boolean own = !java.util.Collections.disjoint(vocabulary.keys(part), concepts.get(concept).keys());
                        ls.concepts.add(concept);
                        ls.weight += own ? 1 : RELATED;
                        ls.ranges.add(new TextRange(from, to));
                        occurrences.merge(part, 1, Integer::sum);
                    }
                }
            });
            if (!ls.ranges.isEmpty()) {
                lines.add(ls);
            }
            start = end + 1;
        }
        occurrences.forEach((part, n) -> credit(part, Math.log1p(n), concepts, vocabulary, evidence, matched));
        double score = 0;
        int shown = 0;
        for (Evidence e : evidence) {
            double s = e.score();
            if (s > 0) {
                shown++;
                score += Math.log1p(s);
            }
        }
        if (shown == 0) {
            return null;
        }
        double coverage = (double) shown / concepts.size();
        score *= coverage * coverage;
        if (!file.ordinary()) {
            score *= 0.5;
        }
        lines.sort(Comparator.comparingInt((LineScore l) -> -l.concepts.size()).thenComparingDouble(l -> -l.weight)
                .thenComparingInt(l -> l.line));
        List<LineMatch> best = lines.stream().limit(LINES).sorted(Comparator.comparingInt(l -> l.line))
                .map(l -> new LineMatch(l.line, l.text, merge(l.ranges))).toList();
        return new RankedFile(file, score, best, new ArrayList<>(matched));
    }

    /** A line's matches. */
    private static final class LineScore {
        final int line;
        final String text;
        final Set<Integer> concepts = new HashSet<>();
        final List<TextRange> ranges = new ArrayList<>();
        double weight;

        LineScore(int line, String text) {
            this.line = line;
            this.text = text;
        }
    }

    /** The index of the first concept {@code part} shows (as its word or a related one), or -1. */
    private static int concept(String part, List<Concept> concepts, CodeVocabulary vocabulary) {
        if (part.length() < 2) {
            return -1;
        }
        Set<String> keys = vocabulary.keys(part);
        for (int i = 0; i < concepts.size(); i++) {
            Concept c = concepts.get(i);
            if (!java.util.Collections.disjoint(keys, c.keys())) {
                return i;
            }
            for (String k : keys) {
                if (c.relatedKeys().containsKey(k)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Adds {@code weight} to every concept {@code part} shows: to the concept's own word, or to that related word. */
    private static void credit(String part, double weight, List<Concept> concepts, CodeVocabulary vocabulary,
            Evidence[] evidence, Set<String> matched) {
        if (part.length() < 2) {
            return;
        }
        Set<String> keys = vocabulary.keys(part);
        for (int i = 0; i < concepts.size(); i++) {
            Concept c = concepts.get(i);
            if (!java.util.Collections.disjoint(keys, c.keys())) {
                evidence[i].own += weight;
                matched.add(part);
                continue;
            }
            for (String k : keys) {
                String related = c.relatedKeys().get(k);
                if (related != null) {
                    evidence[i].related.merge(related, weight, Double::sum);
                    matched.add(part);
                    break;
                }
            }
        }
    }

    /** Ranges sorted, an identifier with several matching parts highlighted once. */
    private static List<TextRange> merge(List<TextRange> ranges) {
        List<TextRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(TextRange::start));
        List<TextRange> out = new ArrayList<>();
        for (TextRange r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).end() >= r.start()) {
                TextRange last = out.remove(out.size() - 1);
                out.add(new TextRange(last.start(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
