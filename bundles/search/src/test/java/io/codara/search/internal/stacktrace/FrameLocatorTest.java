package io.codara.search.internal.stacktrace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameLocatorTest {

    private final FrameLocator locator = new FrameLocator();

    @Test
    void javaFramesGiveThePackagePathOfTheTopLevelClassFile() {
        assertThat(locator.candidatePaths(new StackFrame("java", "com.acme.orders.OrderParser$Tokenizer.next",
                "OrderParser.java", 231, "com.acme.orders.OrderParser", false)))
                .containsExactly("com/acme/orders/OrderParser.java");
        assertThat(locator.candidatePaths(new StackFrame("java", "com.acme.orders.OrderImportService$$SpringCGLIB$$0"
                + ".importBatch", null, 0, "com.acme.orders.OrderImportService", false)))
                .containsExactly("com/acme/orders/OrderImportService.java");
    }

    @Test
    void kotlinAndScalaFilesMayLiveOutsideTheirPackageDirectories() {
        assertThat(locator.candidatePaths(new StackFrame("java", "com.acme.app.MainKt.main", "Main.kt", 9,
                "com.acme.app.MainKt", false))).containsExactly("com/acme/app/Main.kt", "Main.kt");
        assertThat(locator.candidatePaths(new StackFrame("java", "com.acme.app.MainKt.main", null, 0,
                "com.acme.app.MainKt", false))).containsExactly("com/acme/app/MainKt.java", "com/acme/app/Main.kt");
    }

    @Test
    void absolutePathsGiveEveryShorterSuffix() {
        assertThat(locator.candidatePaths(new StackFrame("javascript", "handler", "/app/src/x.js", 10, null, false)))
                .containsExactly("app/src/x.js", "src/x.js", "x.js");
        assertThat(locator.candidatePaths(new StackFrame("dotnet", "Acme.Web.Data.OrderStore.Find",
                "C:\\build\\src\\Acme.Web\\Data\\OrderStore.cs", 58, "Acme.Web.Data.OrderStore", false)))
                .containsExactly("build/src/Acme.Web/Data/OrderStore.cs", "src/Acme.Web/Data/OrderStore.cs",
                        "Acme.Web/Data/OrderStore.cs", "Data/OrderStore.cs", "OrderStore.cs");
        assertThat(locator.candidatePaths(new StackFrame("go", "main.main", "/home/u/proj/pkg/x.go", 3, "main",
                false))).containsExactly("home/u/proj/pkg/x.go", "u/proj/pkg/x.go", "proj/pkg/x.go", "pkg/x.go",
                        "x.go");
    }

    @Test
    void pythonLibraryPathsStartInsideSitePackages() {
        assertThat(locator.candidatePaths(new StackFrame("python", "get",
                "/app/.venv/lib/python3.12/site-packages/django/db/models/query.py", 649,
                "django/db/models/query.py", true)))
                .containsExactly("django/db/models/query.py", "db/models/query.py", "models/query.py", "query.py");
        assertThat(locator.candidatePaths(new StackFrame("python", "order_detail", "/srv/shop/orders/views.py", 24,
                "/srv/shop/orders/views.py", false)))
                .containsExactly("srv/shop/orders/views.py", "shop/orders/views.py", "orders/views.py", "views.py");
    }

    @Test
    void urlsLoseSchemeHostWebpackNamespaceAndQuery() {
        assertThat(candidates("https://app.example.com/static/js/main.js?v=3"))
                .containsExactly("static/js/main.js", "js/main.js", "main.js");
        assertThat(candidates("webpack:///./src/pages/ProfilePage.jsx?a1b2"))
                .containsExactly("src/pages/ProfilePage.jsx", "pages/ProfilePage.jsx", "ProfilePage.jsx");
        assertThat(candidates("webpack://shop-ui/./src/api.ts")).containsExactly("src/api.ts", "api.ts");
        assertThat(candidates("file:///app/src/jobs/sync.mjs"))
                .containsExactly("app/src/jobs/sync.mjs", "src/jobs/sync.mjs", "jobs/sync.mjs", "sync.mjs");
        assertThat(candidates("file:///C:/work/shop/src/api.js"))
                .containsExactly("work/shop/src/api.js", "shop/src/api.js", "src/api.js", "api.js");
    }

    @Test
    void goModuleCachePathsStartInsideTheModule() {
        assertThat(locator.candidatePaths(new StackFrame("go", "gopkg.in/yaml%2ev3.(*decoder).unmarshal",
                "/root/go/pkg/mod/gopkg.in/yaml.v3@v3.0.1/decode.go", 493, "gopkg.in/yaml.v3", true)))
                .containsExactly("decode.go");
    }

    @Test
    void dotnetFramesWithoutAFileUseTheNamespace() {
        assertThat(locator.candidatePaths(new StackFrame("dotnet", "Acme.Pricing.RateTable.Convert", null, 0,
                "Acme.Pricing.RateTable", false)))
                .containsExactly("Acme/Pricing/RateTable.cs", "Pricing/RateTable.cs", "RateTable.cs");
    }

    @Test
    void framesWithoutARepositoryFileHaveNoCandidates() {
        assertThat(candidates("node:internal/process/task_queues")).isEmpty();
        assertThat(locator.candidatePaths(new StackFrame("javascript", "Array.forEach", null, 0, null, true)))
                .isEmpty();
        assertThat(locator.candidatePaths(new StackFrame("python", "_find_and_load",
                "<frozen importlib._bootstrap>", 1, "<frozen importlib._bootstrap>", true))).isEmpty();
        assertThat(locator.candidatePaths(new StackFrame("java", "sun.nio.ch.FileChannelImpl.read0", null, 0, null,
                true))).isEmpty();
    }

    @Test
    void parsedFramesLeadToTheirFiles() {
        List<StackTrace> traces = new StackTraceParser().parse("""
                java.lang.IllegalStateException: boom
                \tat java.base/java.lang.Thread.run(Thread.java:1583)
                \tat com.acme.orders.OrderController.importOrders(OrderController.java:57)
                """);
        assertThat(traces.get(0).frames()).extracting(locator::candidatePaths).containsExactly(
                List.of("java/lang/Thread.java"), List.of("com/acme/orders/OrderController.java"));
    }

    private List<String> candidates(String file) {
        return locator.candidatePaths(new StackFrame("javascript", "f", file, 1, null, false));
    }
}
