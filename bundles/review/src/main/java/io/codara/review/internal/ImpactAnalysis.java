package io.codara.review.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * What a commit touches and what that reaches, computed from the commit's tree alone: the changed files (against
 * the first parent), the build modules that own them, the modules that depend on those (transitively) and the
 * files that import the changed code, the CODEOWNERS owners to notify, and the tests that cover the change by
 * import or by name. Only build files and source files of the changed languages are read, within {@link Limits}.
 */
final class ImpactAnalysis {

    /** Bounds of one analysis; what they cut is reported as truncated. */
    record Limits(int maxChangedFiles, int maxScannedFiles, long maxBlobBytes, int maxDependentFiles,
            int maxReasons) {
        static final Limits DEFAULT = new Limits(1000, 20_000, 1 << 20, 200, 5);
    }

    record ChangedFile(String path, String previousPath, String status, int additions, int deletions,
            String language, String module) {
    }

    record TouchedModule(BuildModules.Module module, List<String> files) {
    }

    /** A module reached from a touched one: {@code via} is the module it refers to, by {@code reference}. */
    record DependentModule(BuildModules.Module module, int depth, String via, BuildModules.Reference reference) {
    }

    /** Why a file is listed: {@code kind} is import, same_package, qualified_name, package_import or naming. */
    record Reason(String kind, String changedFile, int line, String text, String why) {
    }

    record DependentFile(String path, String language, String module, boolean changed, List<Reason> reasons) {
    }

    record Owner(String owner, String type, List<String> files) {
    }

    record FileOwners(String path, List<String> owners) {
    }

    record Impact(String sha, String parent, boolean merge, List<ChangedFile> files, boolean filesTruncated,
            List<TouchedModule> modules, List<DependentModule> dependentModules, List<DependentFile> dependentFiles,
            int dependentFilesTotal, boolean dependentFilesTruncated, String codeowners, List<FileOwners> fileOwners,
            List<Owner> owners, List<DependentFile> tests, int scannedFiles, int skippedLargeFiles,
            boolean scanTruncated) {
    }

    private static final Pattern JVM_PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)");
    private static final Pattern JVM_IMPORT =
            Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+?)(\\.\\*)?(?:\\s+as\\s+\\w+)?\\s*;?\\s*$");
    private static final Pattern JS_SPECIFIER = Pattern.compile(
            "(?:\\bfrom\\s*|\\bimport\\s*\\(?\\s*|\\brequire\\s*\\(\\s*|\\bexport\\s*\\*\\s*from\\s*)['\"]([^'\"\\n]+)['\"]");
    private static final Pattern PY_IMPORT = Pattern.compile("^\\s*import\\s+(.+)$");
    private static final Pattern PY_FROM = Pattern.compile("^\\s*from\\s+(\\.*)([\\w.]*)\\s+import\\s+(.+)$");
    private static final Pattern GO_IMPORT_LINE = Pattern.compile("^\\s*(?:import\\s+)?(?:[\\w.]+\\s+)?\"([^\"]+)\"");
    private static final List<String> JS_EXTENSIONS =
            List.of(".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts", ".vue", ".svelte");

    private final Repository git;
    private final Limits limits;
    private final ObjectReader reader;

    private ImpactAnalysis(Repository git, ObjectReader reader, Limits limits) {
        this.git = git;
        this.reader = reader;
        this.limits = limits;
    }

    /** The impact of {@code commit} in {@code git}. */
    static Impact analyse(Repository git, RevCommit commit, Limits limits) throws IOException {
        try (ObjectReader reader = git.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            return new ImpactAnalysis(git, reader, limits).run(walk, walk.parseCommit(commit));
        }
    }

    // --- the changed files -------------------------------------------------------------------------------

    private record Change(DiffEntry entry, ChangedFile file) {
        String newPath() {
            return entry.getChangeType() == DiffEntry.ChangeType.DELETE ? null : entry.getNewPath();
        }

        String oldPath() {
            return entry.getChangeType() == DiffEntry.ChangeType.ADD ? null : entry.getOldPath();
        }
    }

    private Impact run(RevWalk walk, RevCommit commit) throws IOException {
        RevCommit parent = commit.getParentCount() == 0 ? null : walk.parseCommit(commit.getParent(0));
        RevTree tree = commit.getTree();
        List<Change> changes = new ArrayList<>();
        boolean filesTruncated = false;
        try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(git);
            diff.setDiffComparator(RawTextComparator.DEFAULT);
            diff.setDetectRenames(true);
            diff.setBinaryFileThreshold((int) Math.min(Integer.MAX_VALUE, limits.maxBlobBytes()));
            AbstractTreeIterator from = parent == null ? new EmptyTreeIterator()
                    : new CanonicalTreeParser(null, reader, parent.getTree());
            List<DiffEntry> entries = diff.scan(from, new CanonicalTreeParser(null, reader, tree));
            for (DiffEntry entry : entries) {
                if (changes.size() >= limits.maxChangedFiles()) {
                    filesTruncated = true;
                    break;
                }
                int additions = 0;
                int deletions = 0;
                if (entry.getOldMode() != FileMode.GITLINK && entry.getNewMode() != FileMode.GITLINK) {
                    for (Edit edit : diff.toFileHeader(entry).toEditList()) {
                        additions += edit.getLengthB();
                        deletions += edit.getLengthA();
                    }
                }
                String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath()
                        : entry.getNewPath();
                String previous = entry.getChangeType() == DiffEntry.ChangeType.RENAME
                        || entry.getChangeType() == DiffEntry.ChangeType.COPY ? entry.getOldPath() : null;
                changes.add(new Change(entry, new ChangedFile(path, previous, status(entry.getChangeType()),
                        additions, deletions, language(path), null)));
            }
        }

        // --- the commit's tree, once: every file's blob, and the build files -----------------------------
        Map<String, ObjectId> files = new TreeMap<>();
        try (TreeWalk walkTree = new TreeWalk(reader)) {
            walkTree.addTree(tree);
            walkTree.setRecursive(true);
            while (walkTree.next()) {
                FileMode mode = walkTree.getFileMode(0);
                if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    files.put(walkTree.getPathString(), walkTree.getObjectId(0));
                }
            }
        }
        Set<String> changedNow = new HashSet<>();
        for (Change c : changes) {
            if (c.newPath() != null) {
                changedNow.add(c.newPath());
            }
        }

        // --- modules ----------------------------------------------------------------------------------------
        Map<String, BuildModules.Module> modules = modules(files);
        Map<String, BuildModules.Module> oldModules = new HashMap<>();
        Map<String, TouchedModule> touched = new LinkedHashMap<>();
        List<ChangedFile> changedFiles = new ArrayList<>();
        for (Change c : changes) {
            BuildModules.Module module = c.newPath() != null ? nearest(modules, c.newPath()) : null;
            BuildModules.Module before = null;
            if (c.oldPath() != null && parent != null) {
                before = nearestBefore(parent.getTree(), oldModules, c.oldPath());
                if (before != null) {
                    BuildModules.Module same = sameModule(modules, before);
                    before = same != null ? same : before;
                }
            }
            for (BuildModules.Module m : new LinkedHashSet<>(java.util.Arrays.asList(module, before))) {
                if (m != null) {
                    touched.computeIfAbsent(key(m), k -> new TouchedModule(m, new ArrayList<>())).files()
                            .add(c.file().path());
                }
            }
            BuildModules.Module shown = module != null ? module : before;
            ChangedFile f = c.file();
            changedFiles.add(new ChangedFile(f.path(), f.previousPath(), f.status(), f.additions(), f.deletions(),
                    f.language(), shown == null ? null : shown.display()));
        }
        List<DependentModule> dependentModules = dependents(modules.values(), touched, changedNow);

        // --- import scanning ----------------------------------------------------------------------------------
        Targets targets = targets(changes, files, parent == null ? null : parent.getTree(), modules, touched);
        Set<String> priorityDirs = new HashSet<>();
        touched.values().forEach(t -> priorityDirs.add(t.module().dir()));
        dependentModules.forEach(d -> priorityDirs.add(d.module().dir()));
        List<String> candidates = new ArrayList<>();
        for (String path : files.keySet()) {
            if (targets.scans(path) && !path.contains("node_modules/")) {
                candidates.add(path);
            }
        }
        candidates.sort(Comparator.comparing((String p) -> inAny(p, priorityDirs) ? 0 : 1));
        Map<String, List<Reason>> importers = new TreeMap<>();
        int scanned = 0;
        int large = 0;
        boolean scanTruncated = false;
        for (String path : candidates) {
            if (scanned >= limits.maxScannedFiles()) {
                scanTruncated = true;
                break;
            }
            ObjectId blob = files.get(path);
            if (reader.getObjectSize(blob, org.eclipse.jgit.lib.Constants.OBJ_BLOB) > limits.maxBlobBytes()) {
                large++;
                continue;
            }
            scanned++;
            String text = new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8);
            List<Reason> reasons = targets.match(path, text, files, modules);
            if (!reasons.isEmpty()) {
                importers.put(path, reasons);
            }
        }

        // --- tests: importers that are tests, and tests named after the changed files -------------------------
        Map<String, List<Reason>> tests = new TreeMap<>();
        List<DependentFile> dependentFiles = new ArrayList<>();
        int dependentTotal = 0;
        for (Map.Entry<String, List<Reason>> e : importers.entrySet()) {
            if (isTest(e.getKey())) {
                tests.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).addAll(e.getValue());
            } else {
                dependentTotal++;
                if (dependentFiles.size() < limits.maxDependentFiles()) {
                    dependentFiles.add(dependentFile(e.getKey(), e.getValue(), modules, changedNow));
                }
            }
        }
        namedTests(changes, files, modules, tests);
        List<DependentFile> testFiles = new ArrayList<>();
        tests.forEach((path, reasons) -> testFiles.add(dependentFile(path, reasons, modules, changedNow)));

        // --- owners -------------------------------------------------------------------------------------------
        String codeownersPath = null;
        CodeOwners codeowners = null;
        for (String location : CodeOwners.LOCATIONS) {
            if (files.containsKey(location)) {
                codeownersPath = location;
                codeowners = CodeOwners.parse(text(files.get(location)));
                break;
            }
        }
        List<FileOwners> fileOwners = new ArrayList<>();
        Map<String, List<String>> byOwner = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (codeowners != null) {
            for (Change c : changes) {
                Set<String> owners = new LinkedHashSet<>();
                if (c.newPath() != null) {
                    owners.addAll(codeowners.owners(c.newPath()));
                }
                if (c.oldPath() != null) {
                    owners.addAll(codeowners.owners(c.oldPath()));
                }
                fileOwners.add(new FileOwners(c.file().path(), List.copyOf(owners)));
                for (String owner : owners) {
                    byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(c.file().path());
                }
            }
        }
        List<Owner> owners = new ArrayList<>();
        byOwner.forEach((owner, paths) -> owners.add(new Owner(owner, ownerType(owner), paths)));

        List<TouchedModule> touchedModules = new ArrayList<>(touched.values());
        touchedModules.sort(Comparator.comparing((TouchedModule t) -> t.module().dir()));
        return new Impact(commit.name(), parent == null ? null : parent.name(), commit.getParentCount() > 1,
                changedFiles, filesTruncated, touchedModules, dependentModules, dependentFiles, dependentTotal,
                dependentTotal > dependentFiles.size(), codeownersPath, fileOwners, owners, testFiles, scanned, large,
                scanTruncated);
    }

    private DependentFile dependentFile(String path, List<Reason> reasons, Map<String, BuildModules.Module> modules,
            Set<String> changed) {
        BuildModules.Module module = nearest(modules, path);
        List<Reason> kept = reasons.stream().distinct().limit(limits.maxReasons()).toList();
        return new DependentFile(path, language(path), module == null ? null : module.display(),
                changed.contains(path), kept);
    }

    // --- modules ----------------------------------------------------------------------------------------------

    private Map<String, BuildModules.Module> modules(Map<String, ObjectId> files) throws IOException {
        Map<String, String> settings = new HashMap<>(); // directory -> rootProject.name ("" when unnamed)
        Map<String, List<String>> buildFiles = new TreeMap<>();
        int count = 0;
        for (String path : files.keySet()) {
            if (BuildModules.isBuildFile(path) && !path.contains("node_modules/") && count++ < 5000) {
                buildFiles.computeIfAbsent(dir(path), d -> new ArrayList<>()).add(path);
                String base = BuildModules.base(path);
                if (base.startsWith("settings.gradle")) {
                    String name = BuildModules.gradleRootName(text(files.get(path)));
                    settings.put(dir(path), name == null ? "" : name);
                }
            }
        }
        Map<String, BuildModules.Module> byDir = new HashMap<>();
        for (Map.Entry<String, List<String>> e : buildFiles.entrySet()) {
            List<String> inDir = e.getValue();
            inDir.sort(Comparator.comparingInt(p -> BuildModules.FILES.indexOf(BuildModules.base(p))));
            for (String path : inDir) {
                BuildModules.Module module = module(path, text(files.get(path)), settings);
                if (module != null) {
                    byDir.put(e.getKey(), module);
                    break;
                }
            }
        }
        return byDir;
    }

    private static BuildModules.Module module(String path, String text, Map<String, String> settings) {
        String base = BuildModules.base(path);
        if (base.startsWith("build.gradle") || base.startsWith("settings.gradle")) {
            String settingsDir = dir(path);
            while (!settings.containsKey(settingsDir) && !settingsDir.isEmpty()) {
                settingsDir = dir(settingsDir);
            }
            String root = settings.get(settingsDir);
            return BuildModules.gradle(path, text, settingsDir, root == null || root.isEmpty() ? null : root);
        }
        return BuildModules.parse(path, text);
    }

    private static BuildModules.Module nearest(Map<String, BuildModules.Module> modules, String path) {
        String dir = dir(path);
        while (true) {
            BuildModules.Module m = modules.get(dir);
            if (m != null) {
                return m;
            }
            if (dir.isEmpty()) {
                return null;
            }
            dir = dir(dir);
        }
    }

    /** The module of a path of the parent's tree (for deleted and renamed files), reading its build files. */
    private BuildModules.Module nearestBefore(RevTree tree, Map<String, BuildModules.Module> cache, String path)
            throws IOException {
        String dir = dir(path);
        while (true) {
            if (!cache.containsKey(dir)) {
                BuildModules.Module found = null;
                for (String name : BuildModules.FILES) {
                    String file = dir.isEmpty() ? name : dir + "/" + name;
                    try (TreeWalk at = TreeWalk.forPath(reader, file, tree)) {
                        if (at != null && !at.isSubtree()) {
                            found = module(file, text(at.getObjectId(0)), Map.of("", ""));
                            if (found != null) {
                                break;
                            }
                        }
                    }
                }
                cache.put(dir, found);
            }
            if (cache.get(dir) != null) {
                return cache.get(dir);
            }
            if (dir.isEmpty()) {
                return null;
            }
            dir = dir(dir);
        }
    }

    private static BuildModules.Module sameModule(Map<String, BuildModules.Module> modules, BuildModules.Module m) {
        BuildModules.Module there = modules.get(m.dir());
        return there != null && there.kind().equals(m.kind()) && there.name().equals(m.name()) ? there : null;
    }

    private static String key(BuildModules.Module m) {
        return m.kind() + ":" + BuildModules.normal(m.kind(), m.name()) + "@" + m.dir();
    }

    /**
     * The modules that reach a touched one, breadth first: dependencies are followed transitively; a Maven
     * {@code <parent>} counts when the parent's own build file changed; an aggregator ({@code <modules>}) is listed
     * but not followed, since aggregating a module does not consume it.
     */
    private static List<DependentModule> dependents(java.util.Collection<BuildModules.Module> all,
            Map<String, TouchedModule> touched, Set<String> changed) {
        Map<String, List<Map.Entry<BuildModules.Module, BuildModules.Reference>>> index = new HashMap<>();
        for (BuildModules.Module m : all) {
            for (BuildModules.Reference r : m.references()) {
                String k = r.link() == BuildModules.Link.AGGREGATES ? m.kind() + "@dir:" + r.target()
                        : m.kind() + ":" + BuildModules.normal(m.kind(), r.target());
                index.computeIfAbsent(k, x -> new ArrayList<>()).add(Map.entry(m, r));
            }
        }
        Set<String> seen = new HashSet<>(touched.keySet());
        List<DependentModule> found = new ArrayList<>();
        Deque<DependentModule> queue = new ArrayDeque<>();
        for (TouchedModule t : touched.values()) {
            queue.add(new DependentModule(t.module(), 0, null, null));
        }
        while (!queue.isEmpty() && found.size() < 500) {
            DependentModule at = queue.poll();
            BuildModules.Module x = at.module();
            List<Map.Entry<BuildModules.Module, BuildModules.Reference>> refs = new ArrayList<>();
            refs.addAll(index.getOrDefault(x.kind() + ":" + BuildModules.normal(x.kind(), x.name()), List.of()));
            refs.addAll(index.getOrDefault(x.kind() + "@dir:" + x.dir(), List.of()));
            refs.sort(Comparator.comparing(e -> e.getKey().dir()));
            for (Map.Entry<BuildModules.Module, BuildModules.Reference> e : refs) {
                BuildModules.Module m = e.getKey();
                BuildModules.Reference r = e.getValue();
                if (!x.named(r) || m == x || seen.contains(key(m))) {
                    continue;
                }
                boolean follow = switch (r.link()) {
                    case DEPENDS -> true;
                    case INHERITS -> at.depth() == 0 && changed.contains(x.buildFile());
                    case AGGREGATES -> at.depth() == 0;
                };
                if (!follow) {
                    continue;
                }
                seen.add(key(m));
                DependentModule d = new DependentModule(m, at.depth() + 1, x.display(), r);
                found.add(d);
                if (r.link() != BuildModules.Link.AGGREGATES) {
                    queue.add(d);
                }
            }
        }
        found.sort(Comparator.comparingInt(DependentModule::depth).thenComparing(d -> d.module().dir()));
        return found;
    }

    // --- what the changed files export, and who imports it -------------------------------------------------

    private record JvmTarget(String fqn, String simple, String pkg, String changedFile, boolean before) {
    }

    private record PythonTarget(String name, String dir, boolean bare, String changedFile) {
    }

    private record GoTarget(String importPath, String changedFile) {
    }

    private final class Targets {
        final Map<String, List<JvmTarget>> jvm = new HashMap<>(); // by simple name
        final Map<String, String> paths = new HashMap<>();         // changed path (old and new) -> changed file
        final List<PythonTarget> python = new ArrayList<>();
        final Map<String, String> go = new HashMap<>();            // import path -> changed file
        final Map<String, BuildModules.Module> npm = new HashMap<>(); // touched npm packages by name
        boolean js;

        boolean scans(String path) {
            String l = language(path);
            if (l == null) {
                return false;
            }
            return switch (l) {
                case "Java", "Kotlin" -> !jvm.isEmpty();
                case "JavaScript", "TypeScript", "Vue", "Svelte" -> js || !npm.isEmpty();
                case "Python" -> !python.isEmpty();
                case "Go" -> !go.isEmpty();
                default -> false;
            };
        }

        List<Reason> match(String path, String text, Map<String, ObjectId> files,
                Map<String, BuildModules.Module> modules) {
            List<Reason> reasons = new ArrayList<>();
            switch (language(path)) {
                case "Java", "Kotlin" -> matchJvm(path, text, reasons);
                case "Python" -> matchPython(path, text, files, reasons);
                case "Go" -> matchGo(path, text, reasons);
                default -> matchJs(path, text, files, reasons);
            }
            return reasons;
        }

        private void matchJvm(String path, String text, List<Reason> reasons) {
            Set<String> words = new HashSet<>(List.of(text.split("[^\\w$]+")));
            Matcher pm = JVM_PACKAGE.matcher(text);
            String pkg = pm.find() ? pm.group(1) : "";
            String[] lines = text.split("\n", -1);
            for (Map.Entry<String, List<JvmTarget>> e : jvm.entrySet()) {
                if (!words.contains(e.getKey())) {
                    continue;
                }
                for (JvmTarget t : e.getValue()) {
                    if (t.changedFile().equals(path) && !t.before()) {
                        continue;
                    }
                    Reason r = jvmReason(t, pkg, lines, path);
                    if (r != null) {
                        reasons.add(r);
                    }
                }
            }
        }

        private Reason jvmReason(JvmTarget t, String pkg, String[] lines, String path) {
            Pattern word = Pattern.compile("(?<![\\w$.])" + Pattern.quote(t.simple()) + "(?![\\w$])");
            String qualified = t.fqn();
            boolean wildcard = false;
            int wildcardLine = 0;
            for (int i = 0; i < lines.length; i++) {
                Matcher m = JVM_IMPORT.matcher(lines[i]);
                if (m.matches()) {
                    String name = m.group(2);
                    if (m.group(3) == null && (name.equals(qualified) || name.startsWith(qualified + "."))) {
                        return new Reason("import", t.changedFile(), i + 1, lines[i].strip(),
                                "imports " + qualified + (t.before() ? " (its name before this commit)" : ""));
                    }
                    if (m.group(3) != null && (name.equals(t.pkg()) || name.equals(qualified))) {
                        wildcard = true;
                        wildcardLine = i + 1;
                    }
                    continue;
                }
                if (lines[i].contains(qualified) && !lines[i].strip().startsWith("package ")) {
                    return new Reason("qualified_name", t.changedFile(), i + 1, lines[i].strip(),
                            "refers to " + qualified + " by its full name");
                }
            }
            boolean samePackage = pkg.equals(t.pkg()) && !path.equals(t.changedFile());
            if (wildcard || samePackage) {
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i].strip();
                    if (line.startsWith("import ") || line.startsWith("package ") || line.startsWith("//")
                            || line.startsWith("*") || line.startsWith("/*")) {
                        continue;
                    }
                    if (word.matcher(lines[i]).find()) {
                        return wildcard
                                ? new Reason("import", t.changedFile(), i + 1, line, "uses " + t.simple()
                                        + " through " + lines[wildcardLine - 1].strip() + " (line " + wildcardLine + ")")
                                : new Reason("same_package", t.changedFile(), i + 1, line,
                                        "uses " + t.simple() + " from its own package " + t.pkg());
                    }
                }
            }
            return null;
        }

        private void matchJs(String path, String text, Map<String, ObjectId> files, List<Reason> reasons) {
            Matcher m = JS_SPECIFIER.matcher(text);
            String dir = dir(path);
            while (m.find()) {
                String spec = m.group(1);
                int line = lineAt(text, m.start(1));
                String shown = lineText(text, m.start(1));
                if (spec.startsWith("./") || spec.startsWith("../") || spec.equals(".") || spec.equals("..")) {
                    String base = BuildModules.normalise(dir.isEmpty() ? spec : dir + "/" + spec);
                    if (base == null) {
                        continue;
                    }
                    for (String candidate : jsCandidates(base)) {
                        String changed = paths.get(candidate);
                        if (changed != null && !candidate.equals(path)) {
                            boolean gone = !files.containsKey(candidate);
                            reasons.add(new Reason("import", changed, line, shown, "imports '" + spec + "', which is "
                                    + candidate + (gone ? " (no longer in this commit)" : "")));
                            break;
                        }
                    }
                } else {
                    BuildModules.Module module = BuildModules.npmPackage(npm, spec);
                    if (module != null && !inAny(path, Set.of(module.dir()))) {
                        reasons.add(new Reason("package_import", module.buildFile(), line, shown,
                                "imports the package " + module.name() + ", changed in this commit"));
                    }
                }
            }
        }

        private void matchPython(String path, String text, Map<String, ObjectId> files, List<Reason> reasons) {
            String[] lines = text.split("\n", -1);
            String dir = dir(path);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                Matcher from = PY_FROM.matcher(line);
                List<String> imported = new ArrayList<>();
                String relativeDir = null;
                if (from.matches()) {
                    String names = from.group(3).replaceAll("#.*", "");
                    int j = i;
                    if (names.contains("(") && !names.contains(")")) {
                        StringBuilder more = new StringBuilder(names);
                        while (++j < lines.length && !lines[j].contains(")")) {
                            more.append(',').append(lines[j]);
                        }
                        if (j < lines.length) {
                            more.append(',').append(lines[j]);
                        }
                        names = more.toString();
                    }
                    String module = from.group(2);
                    if (!from.group(1).isEmpty()) {
                        String base = dir;
                        for (int d = 1; d < from.group(1).length() && base != null; d++) {
                            base = base.isEmpty() ? null : dir(base);
                        }
                        if (base == null) {
                            continue;
                        }
                        relativeDir = BuildModules.normalise(base + "/" + module.replace('.', '/'));
                    }
                    for (String n : names.replaceAll("[()\\\\]", " ").split(",")) {
                        String name = n.strip().split("\\s+")[0];
                        if (!name.isEmpty() && !name.equals("*")) {
                            imported.add(relativeDir != null ? relativeDir + "/" + name
                                    : module.isEmpty() ? name : module + "." + name);
                        }
                    }
                    imported.add(relativeDir != null ? relativeDir : module);
                } else {
                    Matcher plain = PY_IMPORT.matcher(line);
                    if (!plain.matches()) {
                        continue;
                    }
                    for (String n : plain.group(1).replaceAll("#.*", "").split(",")) {
                        String name = n.strip().split("\\s+")[0];
                        if (!name.isEmpty()) {
                            imported.add(name);
                        }
                    }
                }
                for (PythonTarget t : python) {
                    if (t.changedFile().equals(path)) {
                        continue;
                    }
                    for (String name : imported) {
                        boolean hit;
                        if (relativeDir != null) {
                            String p = t.changedFile().replaceAll("(/__init__)?\\.pyi?$", "");
                            hit = name.equals(p);
                        } else if (t.bare()) {
                            hit = (name.equals(t.name()) || name.startsWith(t.name() + "."))
                                    && (dir.equals(t.dir()) || t.dir().isEmpty() || t.dir().equals("src"));
                        } else {
                            hit = name.equals(t.name()) || name.startsWith(t.name() + ".");
                        }
                        if (hit) {
                            reasons.add(new Reason("import", t.changedFile(), i + 1, line.strip(),
                                    "imports " + (relativeDir != null ? "the module " + t.changedFile() : t.name())));
                            break;
                        }
                    }
                }
            }
        }

        private void matchGo(String path, String text, List<Reason> reasons) {
            String[] lines = text.split("\n", -1);
            boolean block = false;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("import (")) {
                    block = true;
                    line = line.substring(8).strip();
                } else if (block && line.startsWith(")")) {
                    block = false;
                    continue;
                } else if (!block && !line.startsWith("import ")) {
                    if (line.startsWith("func ") || line.startsWith("type ") || line.startsWith("var ")) {
                        break; // imports come first in a Go file
                    }
                    continue;
                }
                Matcher m = GO_IMPORT_LINE.matcher(line);
                if (m.find()) {
                    String changed = go.get(m.group(1));
                    if (changed != null && !dir(path).equals(dir(changed))) {
                        reasons.add(new Reason("import", changed, i + 1, lines[i].strip(),
                                "imports the package " + m.group(1)));
                    }
                }
            }
        }
    }

    private Targets targets(List<Change> changes, Map<String, ObjectId> files, RevTree before,
            Map<String, BuildModules.Module> modules, Map<String, TouchedModule> touched) throws IOException {
        Targets t = new Targets();
        for (TouchedModule m : touched.values()) {
            if (m.module().kind().equals("npm")) {
                t.npm.put(m.module().name(), m.module());
            }
        }
        for (Change c : changes) {
            String now = c.newPath();
            String old = c.oldPath();
            boolean renamed = now != null && old != null && !now.equals(old);
            if (now != null) {
                t.paths.put(now, now);
            }
            if (old != null) {
                t.paths.putIfAbsent(old, old);
            }
            for (String path : new LinkedHashSet<>(java.util.Arrays.asList(now, old))) {
                if (path == null) {
                    continue;
                }
                boolean isBefore = !path.equals(now);
                String lang = language(path);
                if (lang == null) {
                    continue;
                }
                switch (lang) {
                    case "Java", "Kotlin" -> {
                        ObjectId blob = isBefore ? c.entry().getOldId().toObjectId() : c.entry().getNewId().toObjectId();
                        if (reader.getObjectSize(blob, org.eclipse.jgit.lib.Constants.OBJ_BLOB) > limits.maxBlobBytes()) {
                            continue;
                        }
                        Matcher pm = JVM_PACKAGE.matcher(text(blob));
                        String pkg = pm.find() ? pm.group(1) : "";
                        String simple = BuildModules.base(path).replaceAll("\\.[^.]+$", "");
                        if (!simple.matches("[A-Za-z_$][\\w$]*")) {
                            continue;
                        }
                        JvmTarget target = new JvmTarget(pkg.isEmpty() ? simple : pkg + "." + simple, simple, pkg,
                                path, isBefore && renamed);
                        List<JvmTarget> list = t.jvm.computeIfAbsent(simple, k -> new ArrayList<>());
                        if (list.stream().noneMatch(x -> x.fqn().equals(target.fqn()))) {
                            list.add(target);
                        }
                    }
                    case "JavaScript", "TypeScript", "Vue", "Svelte" -> t.js = true;
                    case "Python" -> {
                        for (PythonTarget p : pythonNames(path, files)) {
                            t.python.add(p);
                        }
                    }
                    case "Go" -> {
                        if (!path.endsWith("_test.go")) {
                            BuildModules.Module module = isBefore && before != null
                                    ? nearestBefore(before, new HashMap<>(), path) : nearest(modules, path);
                            if (module != null && module.kind().equals("go")) {
                                String rel = dir(path).equals(module.dir()) ? ""
                                        : dir(path).substring(module.dir().isEmpty() ? 0 : module.dir().length() + 1);
                                t.go.putIfAbsent(rel.isEmpty() ? module.name() : module.name() + "/" + rel, path);
                            }
                        }
                    }
                    default -> {
                        // other languages: only their build modules and owners are analysed
                    }
                }
            }
        }
        // A changed stylesheet or JSON file imported by relative path is a dependency too.
        if (changes.stream().anyMatch(c -> isJsAsset(c.newPath()) || isJsAsset(c.oldPath()))) {
            t.js = true;
        }
        return t;
    }

    private static boolean isJsAsset(String path) {
        return path != null && path.matches(".*\\.(css|scss|sass|less|json|svg)$") && !path.endsWith("package.json");
    }

    /**
     * The names a Python file is imported by: from the top of its package ({@code __init__.py} upwards), and from
     * the repository root without a leading {@code src/}; a module outside any package only by its bare name.
     */
    private static List<PythonTarget> pythonNames(String path, Map<String, ObjectId> files) {
        List<PythonTarget> names = new ArrayList<>();
        String stem = path.replaceAll("\\.pyi?$", "");
        boolean init = BuildModules.base(stem).equals("__init__");
        String module = init ? dir(stem) : stem;
        String root = dir(path);
        while (!root.isEmpty() && files.containsKey(root + "/__init__.py")) {
            root = dir(root);
        }
        String packaged = root.isEmpty() ? module : module.substring(Math.min(module.length(), root.length() + 1));
        if (!packaged.isEmpty()) {
            names.add(new PythonTarget(packaged.replace('/', '.'), dir(path), !packaged.contains("/"), path));
        }
        String fromRoot = module.startsWith("src/") ? module.substring(4) : module;
        if (fromRoot.contains("/") && !fromRoot.equals(packaged)) {
            names.add(new PythonTarget(fromRoot.replace('/', '.'), dir(path), false, path));
        }
        return names;
    }

    // --- tests by name ---------------------------------------------------------------------------------------

    private void namedTests(List<Change> changes, Map<String, ObjectId> files, Map<String, BuildModules.Module> modules,
            Map<String, List<Reason>> tests) {
        Map<String, List<String>> byName = new HashMap<>();
        for (String path : files.keySet()) {
            if (isTest(path)) {
                byName.computeIfAbsent(BuildModules.base(path), k -> new ArrayList<>()).add(path);
            }
        }
        for (Change c : changes) {
            String path = c.newPath() != null ? c.newPath() : c.oldPath();
            if (isTest(path)) {
                if (c.newPath() != null) {
                    tests.computeIfAbsent(path, k -> new ArrayList<>()).add(0,
                            new Reason("changed", path, 0, null, "changed in this commit"));
                }
                continue;
            }
            String base = BuildModules.base(path);
            int dot = base.lastIndexOf('.');
            if (dot <= 0) {
                continue;
            }
            String stem = base.substring(0, dot);
            String ext = base.substring(dot);
            List<String> names = new ArrayList<>();
            boolean sameDirOnly = false;
            switch (ext) {
                case ".java", ".kt", ".groovy", ".scala" -> {
                    for (String e : List.of(".java", ".kt", ".groovy", ".scala")) {
                        for (String n : List.of(stem + "Test", stem + "Tests", "Test" + stem, stem + "IT",
                                stem + "Spec")) {
                            names.add(n + e);
                        }
                    }
                }
                case ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte" -> {
                    for (String e : List.of(".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")) {
                        names.add(stem + ".test" + e);
                        names.add(stem + ".spec" + e);
                    }
                }
                case ".go" -> {
                    names.add(stem + "_test.go");
                    sameDirOnly = true;
                }
                case ".py" -> {
                    names.add("test_" + stem + ".py");
                    names.add(stem + "_test.py");
                }
                case ".rs", ".rb", ".php", ".cs" -> {
                    names.add(stem + "_test" + ext);
                    names.add("test_" + stem + ext);
                    names.add(stem + "Test" + ext);
                    names.add(stem + "Tests" + ext);
                    names.add(stem + "_spec" + ext);
                }
                default -> {
                }
            }
            BuildModules.Module module = nearest(modules, path);
            String scope = module != null ? module.dir() : "";
            String mirror = BuildModules.normalise(("/" + dir(path) + "/").replace("/main/", "/test/"));
            for (String name : names) {
                for (String test : byName.getOrDefault(name, List.of())) {
                    boolean sameDir = dir(test).equals(dir(path));
                    boolean mirrored = dir(test).equals(mirror);
                    if (sameDirOnly ? !sameDir : !(sameDir || mirrored || inAny(test, Set.of(scope)))) {
                        continue;
                    }
                    String where = sameDir ? "next to it" : mirrored ? "in the mirrored test directory " + dir(test)
                            : module != null ? "in the same module " + module.display() : "in the repository";
                    tests.computeIfAbsent(test, k -> new ArrayList<>()).add(new Reason("naming", path, 0, null,
                            "named after " + base + " (" + where + ")"));
                }
            }
        }
    }

    /** Whether {@code path} is a test by the usual conventions of its language. */
    static boolean isTest(String path) {
        String base = BuildModules.base(path);
        String lang = language(path);
        if (lang == null || !List.of("Java", "Kotlin", "Groovy", "Scala", "JavaScript", "TypeScript", "Python", "Go",
                "Rust", "Ruby", "PHP", "C#", "Vue", "Svelte").contains(lang)) {
            return false;
        }
        String stem = base.replaceAll("\\..*$", "");
        return path.startsWith("test/") || path.startsWith("tests/") || path.contains("/test/")
                || path.contains("/tests/") || path.contains("__tests__/") || path.startsWith("spec/")
                || path.contains("/spec/") || base.matches(".*\\.(test|spec)\\.[a-z]+$") || base.endsWith("_test.go")
                || base.matches("test_.*\\.py") || base.matches(".*_test\\.py")
                || stem.matches("(Test[A-Z].*|.*Tests?|.*IT|.*Spec)") || base.equals("conftest.py");
    }

    // --- small things -----------------------------------------------------------------------------------------

    private static List<String> jsCandidates(String base) {
        List<String> c = new ArrayList<>();
        c.add(base);
        for (String e : JS_EXTENSIONS) {
            c.add(base + e);
        }
        for (String e : JS_EXTENSIONS) {
            c.add(base + "/index" + e);
        }
        Matcher js = Pattern.compile("^(.*)\\.(m|c)?jsx?$").matcher(base);
        if (js.matches()) { // TypeScript's ESM imports name the .js a .ts file compiles to
            String m = js.group(2) == null ? "" : js.group(2);
            c.add(js.group(1) + "." + m + "ts");
            c.add(js.group(1) + "." + m + "tsx");
        }
        return c;
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String lineText(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = text.indexOf('\n', offset);
        String line = text.substring(start, end < 0 ? text.length() : end).strip();
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static boolean inAny(String path, Set<String> dirs) {
        for (String d : dirs) {
            if (d.isEmpty() || path.startsWith(d + "/")) {
                return true;
            }
        }
        return false;
    }

    private String text(ObjectId blob) throws IOException {
        if (reader.getObjectSize(blob, org.eclipse.jgit.lib.Constants.OBJ_BLOB) > limits.maxBlobBytes()) {
            return "";
        }
        return new String(reader.open(blob).getBytes(), StandardCharsets.UTF_8);
    }

    static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String status(DiffEntry.ChangeType type) {
        return switch (type) {
            case ADD -> "added";
            case MODIFY -> "modified";
            case DELETE -> "removed";
            case RENAME -> "renamed";
            case COPY -> "copied";
        };
    }

    static String ownerType(String owner) {
        return owner.startsWith("@") ? owner.contains("/") ? "team" : "user" : "email";
    }

    /** The language of a file by its name, or null when it is none Codara names. */
    static String language(String path) {
        String base = BuildModules.base(path);
        if (base.equals("Dockerfile")) {
            return "Dockerfile";
        }
        int dot = base.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        return switch (base.substring(dot + 1).toLowerCase(Locale.ROOT)) {
            case "java" -> "Java";
            case "kt", "kts" -> "Kotlin";
            case "groovy", "gradle" -> "Groovy";
            case "scala" -> "Scala";
            case "js", "jsx", "mjs", "cjs" -> "JavaScript";
            case "ts", "tsx", "mts", "cts" -> "TypeScript";
            case "vue" -> "Vue";
            case "svelte" -> "Svelte";
            case "py", "pyi" -> "Python";
            case "go" -> "Go";
            case "rs" -> "Rust";
            case "rb" -> "Ruby";
            case "php" -> "PHP";
            case "cs" -> "C#";
            case "c", "h" -> "C";
            case "cc", "cpp", "cxx", "hpp", "hh" -> "C++";
            case "swift" -> "Swift";
            case "sh", "bash" -> "Shell";
            case "sql" -> "SQL";
            case "xml" -> "XML";
            case "json" -> "JSON";
            case "yml", "yaml" -> "YAML";
            case "toml" -> "TOML";
            case "md", "markdown" -> "Markdown";
            case "html", "htm" -> "HTML";
            case "css" -> "CSS";
            case "scss", "sass" -> "SCSS";
            default -> null;
        };
    }
}
