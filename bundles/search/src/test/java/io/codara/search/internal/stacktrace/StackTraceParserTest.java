package io.codara.search.internal.stacktrace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StackTraceParserTest {

    private final StackTraceParser parser = new StackTraceParser();

    private static StackFrame java(String function, String file, int line, String module, boolean library) {
        return new StackFrame("java", function, file, line, module, library);
    }

    @Nested
    class Jvm {

        @Test
        void causesAreTracesOfTheirOwnRootCauseFirst() {
            String text = """
                    Exception in thread "main" java.lang.IllegalStateException: Failed to load order 17
                    \tat com.acme.orders.OrderService.load(OrderService.java:88)
                    \tat com.acme.orders.OrderService.lambda$loadAll$0(OrderService.java:61)
                    \tat java.base/java.util.stream.ReferencePipeline$3$1.accept(ReferencePipeline.java:197)
                    \tat java.base/java.util.ArrayList$ArrayListSpliterator.forEachRemaining(ArrayList.java:1625)
                    \tat com.acme.orders.OrderService.loadAll(OrderService.java:62)
                    \tat com.acme.Main.main(Main.java:14)
                    Caused by: com.acme.orders.OrderParser$MalformedOrderException: unexpected token '}' at 3:14
                    \tat com.acme.orders.OrderParser$Tokenizer.next(OrderParser.java:231)
                    \tat com.acme.orders.OrderParser.parse(OrderParser.java:57)
                    \tat com.acme.orders.OrderService.load(OrderService.java:85)
                    \t... 5 more
                    Caused by: java.io.EOFException
                    \tat java.base/java.io.DataInputStream.readFully(DataInputStream.java:210)
                    \tat java.base/sun.nio.ch.FileChannelImpl.read0(Native Method)
                    \tat jdk.proxy2/jdk.proxy2.$Proxy12.read(Unknown Source)
                    \tat com.acme.orders.OrderParser$Tokenizer.fill(OrderParser.java:198)
                    \t... 7 more
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).extracting(StackTrace::exception).containsExactly("java.io.EOFException",
                    "com.acme.orders.OrderParser$MalformedOrderException", "java.lang.IllegalStateException");
            assertThat(traces).extracting(StackTrace::language).containsOnly("java");
            assertThat(traces.get(0).message()).isNull();
            assertThat(traces.get(1).message()).isEqualTo("unexpected token '}' at 3:14");
            assertThat(traces.get(2).message()).isEqualTo("Failed to load order 17");
            assertThat(traces.get(0).frames()).containsExactly(
                    java("java.io.DataInputStream.readFully", "DataInputStream.java", 210, "java.io.DataInputStream",
                            true),
                    java("sun.nio.ch.FileChannelImpl.read0", null, 0, "sun.nio.ch.FileChannelImpl", true),
                    java("jdk.proxy2.$Proxy12.read", null, 0, "jdk.proxy2.$Proxy12", true),
                    java("com.acme.orders.OrderParser$Tokenizer.fill", "OrderParser.java", 198,
                            "com.acme.orders.OrderParser", false));
            assertThat(traces.get(2).frames()).hasSize(6);
            assertThat(traces.get(2).frames().get(1)).isEqualTo(java(
                    "com.acme.orders.OrderService.lambda$loadAll$0", "OrderService.java", 61,
                    "com.acme.orders.OrderService", false));
            assertThat(traces.get(2).frames().get(2)).isEqualTo(java(
                    "java.util.stream.ReferencePipeline$3$1.accept", "ReferencePipeline.java", 197,
                    "java.util.stream.ReferencePipeline", true));
            assertThat(traces).allSatisfy(trace -> assertThat(trace.revisions()).isEmpty());
        }

        @Test
        void springBootLogWithAWrappedExceptionAndJarVersions() {
            String text = """
                    2024-03-05 10:15:29.870  INFO 48213 --- [nio-8080-exec-3] c.a.orders.OrderController               : POST /orders/import batch=2024-03-05
                    2024-03-05 10:15:30.123 ERROR 48213 --- [nio-8080-exec-3] c.a.orders.OrderController               : Import failed (build 3f9c2e1)

                    org.springframework.dao.DataIntegrityViolationException: could not execute statement [ERROR: duplicate key value violates unique constraint "orders_pkey"
                      Detail: Key (id)=(17) already exists.] [insert into orders (customer_id,total,id) values (?,?,?)]; constraint [orders_pkey]
                    \tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:290) ~[spring-orm-6.1.4.jar:6.1.4]
                    \tat org.springframework.aop.framework.CglibAopProxy$DynamicAdvisedInterceptor.intercept(CglibAopProxy.java:720) ~[spring-aop-6.1.4.jar:6.1.4]
                    \tat com.acme.orders.OrderImportService$$SpringCGLIB$$0.importBatch(<generated>) ~[classes/:na]
                    \tat com.acme.orders.OrderController.importOrders(OrderController.java:57) ~[orders-service-2.3.1.jar:2.3.1]
                    \tat java.base/java.lang.Thread.run(Thread.java:1583) ~[na:na]
                    Caused by: org.hibernate.exception.ConstraintViolationException: could not execute statement [ERROR: duplicate key value violates unique constraint "orders_pkey"
                      Detail: Key (id)=(17) already exists.] [insert into orders (customer_id,total,id) values (?,?,?)]
                    \tat org.hibernate.exception.internal.SQLStateConversionDelegate.convert(SQLStateConversionDelegate.java:97) ~[hibernate-core-6.4.4.Final.jar:6.4.4.Final]
                    \tat com.acme.orders.OrderImportService.importBatch(OrderImportService.java:44) ~[orders-service-2.3.1.jar:2.3.1]
                    \t... 3 common frames omitted
                    Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint "orders_pkey"
                      Detail: Key (id)=(17) already exists.
                    \tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725) ~[postgresql-42.7.2.jar:42.7.2]
                    \tat org.postgresql.jdbc.PgPreparedStatement.executeUpdate(PgPreparedStatement.java:152) ~[postgresql-42.7.2.jar:42.7.2]
                    \t... 5 common frames omitted

                    2024-03-05 10:15:31.007  INFO 48213 --- [nio-8080-exec-4] c.a.orders.OrderController               : GET /orders/18
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).extracting(StackTrace::exception).containsExactly(
                    "org.postgresql.util.PSQLException", "org.hibernate.exception.ConstraintViolationException",
                    "org.springframework.dao.DataIntegrityViolationException");
            assertThat(traces.get(0).message()).isEqualTo("""
                    ERROR: duplicate key value violates unique constraint "orders_pkey"
                    Detail: Key (id)=(17) already exists.""");
            assertThat(traces.get(2).message()).startsWith("could not execute statement [ERROR: duplicate key")
                    .endsWith("\nDetail: Key (id)=(17) already exists.] [insert into orders (customer_id,total,id)"
                            + " values (?,?,?)]; constraint [orders_pkey]");
            assertThat(traces.get(2).frames()).extracting(StackFrame::library)
                    .containsExactly(true, true, false, false, true);
            assertThat(traces.get(2).frames().get(2)).isEqualTo(java(
                    "com.acme.orders.OrderImportService$$SpringCGLIB$$0.importBatch", null, 0,
                    "com.acme.orders.OrderImportService", false));
            // the commit the log names, then the application jar's version; never a library jar's
            assertThat(traces.get(2).revisions()).containsExactly("3f9c2e1", "2.3.1");
            assertThat(traces.get(1).revisions()).containsExactly("3f9c2e1", "2.3.1");
            assertThat(traces.get(0).revisions()).containsExactly("3f9c2e1");
        }

        @Test
        void kotlinScalaModulesClassLoadersAndHiddenClasses() {
            String text = """
                    Exception in thread "main" kotlin.KotlinNullPointerException
                    \tat com.acme.app.UserRepository.find(UserRepository.kt:27)
                    \tat com.acme.app.MainKt.main(Main.kt:9)
                    \tat app//com.acme.jobs.Ingest$.$anonfun$run$1(Ingest.scala:41)
                    \tat com.acme.web.Routes$$Lambda$14/0x0000000800c03000.apply(Unknown Source)
                    \tat java.base@17.0.10/java.lang.Thread.run(Thread.java:840)
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.exception()).isEqualTo("kotlin.KotlinNullPointerException");
            assertThat(trace.frames()).containsExactly(
                    java("com.acme.app.UserRepository.find", "UserRepository.kt", 27, "com.acme.app.UserRepository",
                            false),
                    java("com.acme.app.MainKt.main", "Main.kt", 9, "com.acme.app.MainKt", false),
                    java("com.acme.jobs.Ingest$.$anonfun$run$1", "Ingest.scala", 41, "com.acme.jobs.Ingest", false),
                    java("com.acme.web.Routes$$Lambda$14/0x0000000800c03000.apply", null, 0, "com.acme.web.Routes",
                            false),
                    java("java.lang.Thread.run", "Thread.java", 840, "java.lang.Thread", true));
        }

        @Test
        void suppressedAndLogbackRootCauseFirst() {
            String suppressed = """
                    java.io.IOException: close failed
                    \tat com.acme.io.Archive.close(Archive.java:77)
                    \tSuppressed: java.io.UncheckedIOException: flush failed
                    \t\tat com.acme.io.Archive.flush(Archive.java:90)
                    \t\t... 1 more
                    """;
            assertThat(parser.parse(suppressed)).extracting(StackTrace::exception)
                    .containsExactly("java.io.IOException", "java.io.UncheckedIOException");

            String rootCauseFirst = """
                    java.net.ConnectException: Connection refused
                    \tat java.base/sun.nio.ch.Net.connect0(Native Method)
                    Wrapped by: com.acme.client.ApiException: cannot reach billing
                    \tat com.acme.client.BillingClient.send(BillingClient.java:64)
                    """;
            assertThat(parser.parse(rootCauseFirst)).extracting(StackTrace::exception)
                    .containsExactly("java.net.ConnectException", "com.acme.client.ApiException");
        }

        @Test
        void containerLogPrefixesAndAnsiColours() {
            String text = "2024-03-05T10:15:30.123456789Z stderr F Exception in thread \"main\" "
                    + "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null\r\n"
                    + "2024-03-05T10:15:30.123456789Z stderr F \t\u001B[2mat com.acme.greeter.Greeter.greet"
                    + "(Greeter.java:12)\u001B[0m\r\n"
                    + "2024-03-05T10:15:30.123456789Z stderr F \tat com.acme.greeter.Main.main(Main.java:5)\r\n";

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).hasSize(1);
            assertThat(traces.get(0).exception()).isEqualTo("java.lang.NullPointerException");
            assertThat(traces.get(0).message()).isEqualTo("Cannot invoke \"String.length()\" because \"name\" is null");
            assertThat(traces.get(0).frames()).containsExactly(
                    java("com.acme.greeter.Greeter.greet", "Greeter.java", 12, "com.acme.greeter.Greeter", false),
                    java("com.acme.greeter.Main.main", "Main.java", 5, "com.acme.greeter.Main", false));
        }
    }

    @Nested
    class Python {

        @Test
        void directCauseChainAsPrinted() {
            String text = """
                    Traceback (most recent call last):
                      File "/srv/app/billing/invoices.py", line 42, in load_invoice
                        return json.loads(raw)
                               ^^^^^^^^^^^^^^^
                      File "/usr/lib/python3.11/json/__init__.py", line 346, in loads
                        return _default_decoder.decode(s)
                               ^^^^^^^^^^^^^^^^^^^^^^^^^^
                      File "/usr/lib/python3.11/json/decoder.py", line 355, in raw_decode
                        raise JSONDecodeError("Expecting value", s, err.value) from None
                    json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)

                    The above exception was the direct cause of the following exception:

                    Traceback (most recent call last):
                      File "/srv/app/billing/cli.py", line 17, in <module>
                        main()
                      File "/srv/app/billing/cli.py", line 12, in main
                        invoice = load_invoice(path)
                                  ^^^^^^^^^^^^^^^^^^
                      File "/srv/app/billing/invoices.py", line 44, in load_invoice
                        raise InvoiceError(f"cannot read {path}") from exc
                    billing.invoices.InvoiceError: cannot read /var/spool/invoices/17.json
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).extracting(StackTrace::exception)
                    .containsExactly("json.decoder.JSONDecodeError", "billing.invoices.InvoiceError");
            assertThat(traces.get(0).message()).isEqualTo("Expecting value: line 1 column 1 (char 0)");
            assertThat(traces.get(0).frames()).containsExactly(
                    new StackFrame("python", "load_invoice", "/srv/app/billing/invoices.py", 42,
                            "/srv/app/billing/invoices.py", false),
                    new StackFrame("python", "loads", "/usr/lib/python3.11/json/__init__.py", 346,
                            "json/__init__.py", true),
                    new StackFrame("python", "raw_decode", "/usr/lib/python3.11/json/decoder.py", 355,
                            "json/decoder.py", true));
            assertThat(traces.get(1).frames()).extracting(StackFrame::function, StackFrame::line)
                    .containsExactly(tuple("<module>", 17),
                            tuple("main", 12),
                            tuple("load_invoice", 44));
            assertThat(traces.get(1).message()).isEqualTo("cannot read /var/spool/invoices/17.json");
        }

        @Test
        void djangoServerLogWithHandlingChain() {
            String text = """
                    [2024-03-05 10:15:30,123] ERROR [django.request:241] Internal Server Error: /orders/12/
                    Traceback (most recent call last):
                      File "/app/.venv/lib/python3.12/site-packages/django/db/models/query.py", line 649, in get
                        raise self.model.DoesNotExist(
                    orders.models.Order.DoesNotExist: Order matching query does not exist.

                    During handling of the above exception, another exception occurred:

                    Traceback (most recent call last):
                      File "/app/.venv/lib/python3.12/site-packages/django/core/handlers/exception.py", line 55, in inner
                        response = get_response(request)
                                   ^^^^^^^^^^^^^^^^^^^^^
                      File "/app/orders/views.py", line 31, in order_detail
                        raise Http404(f"No order {pk}")
                    django.http.response.Http404: No order 12
                    [2024-03-05 10:15:30,131] WARNING [django.request:241] Not Found: /orders/12/
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).extracting(StackTrace::exception, StackTrace::message).containsExactly(
                    tuple("orders.models.Order.DoesNotExist",
                            "Order matching query does not exist."),
                    tuple("django.http.response.Http404", "No order 12"));
            assertThat(traces.get(0).frames()).containsExactly(new StackFrame("python", "get",
                    "/app/.venv/lib/python3.12/site-packages/django/db/models/query.py", 649,
                    "django/db/models/query.py", true));
            assertThat(traces.get(1).frames()).extracting(StackFrame::module, StackFrame::library).containsExactly(
                    tuple("django/core/handlers/exception.py", true),
                    tuple("/app/orders/views.py", false));
        }

        @Test
        void djangoDebugPageCopyAndPasteView() {
            String text = """
                    Environment:


                    Request Method: GET
                    Request URL: http://localhost:8000/orders/12/

                    Django Version: 4.2.7
                    Python Version: 3.11.6
                    Installed Applications:
                    ['django.contrib.admin',
                     'orders']


                    Traceback (most recent call last):
                      File "/usr/local/lib/python3.11/site-packages/django/core/handlers/exception.py", line 55, in inner
                        response = get_response(request)
                      File "/usr/local/lib/python3.11/site-packages/django/core/handlers/base.py", line 197, in _get_response
                        response = wrapped_callback(request, *callback_args, **callback_kwargs)
                      File "/srv/shop/orders/views.py", line 24, in order_detail
                        order = Order.objects.get(pk=pk)
                      File "/usr/local/lib/python3.11/site-packages/django/db/models/query.py", line 637, in get
                        raise self.model.DoesNotExist(

                    Exception Type: DoesNotExist at /orders/12/
                    Exception Value: Order matching query does not exist.
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).hasSize(1);
            assertThat(traces.get(0).exception()).isEqualTo("DoesNotExist");
            assertThat(traces.get(0).message()).isEqualTo("Order matching query does not exist.");
            assertThat(traces.get(0).frames()).extracting(StackFrame::file).containsExactly(
                    "/usr/local/lib/python3.11/site-packages/django/core/handlers/exception.py",
                    "/usr/local/lib/python3.11/site-packages/django/core/handlers/base.py",
                    "/srv/shop/orders/views.py",
                    "/usr/local/lib/python3.11/site-packages/django/db/models/query.py");
            // Django's and Python's versions are not the application's
            assertThat(traces.get(0).revisions()).isEmpty();
        }

        @Test
        void dockerComposePrefixOnEveryLine() {
            String text = """
                    api-1  | Traceback (most recent call last):
                    api-1  |   File "/app/main.py", line 8, in <module>
                    api-1  |     run()
                    api-1  |   File "/app/main.py", line 5, in run
                    api-1  |     1 / 0
                    api-1  | ZeroDivisionError: division by zero
                    api-1 exited with code 1
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.exception()).isEqualTo("ZeroDivisionError");
            assertThat(trace.message()).isEqualTo("division by zero");
            assertThat(trace.frames()).extracting(StackFrame::function, StackFrame::line).containsExactly(
                    tuple("<module>", 8), tuple("run", 5));
        }
    }

    @Nested
    class JavaScript {

        @Test
        void nodeUnhandledRejectionWithCause() {
            String text = """
                    file:///app/src/jobs/sync.mjs:27
                        throw new SyncError(`sync of ${repo} failed`, { cause: err });
                              ^

                    SyncError: sync of acme/api failed
                        at syncRepository (file:///app/src/jobs/sync.mjs:27:11)
                        at async Promise.all (index 1)
                        at async runJobs (file:///app/src/jobs/runner.mjs:14:5) {
                      [cause]: TypeError: Cannot read properties of undefined (reading 'sha')
                          at latestCommit (file:///app/src/git/commits.mjs:9:22)
                          at syncRepository (file:///app/src/jobs/sync.mjs:21:20)
                          at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
                          at new Repository (/app/node_modules/@acme/git-client/lib/repo.js:40:13)
                    }

                    Node.js v20.11.1
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).extracting(StackTrace::exception).containsExactly("TypeError", "SyncError");
            assertThat(traces.get(0).message()).isEqualTo("Cannot read properties of undefined (reading 'sha')");
            assertThat(traces.get(0).frames()).containsExactly(
                    new StackFrame("javascript", "latestCommit", "file:///app/src/git/commits.mjs", 9, null, false),
                    new StackFrame("javascript", "syncRepository", "file:///app/src/jobs/sync.mjs", 21, null, false),
                    new StackFrame("javascript", "process.processTicksAndRejections",
                            "node:internal/process/task_queues", 95, null, true),
                    new StackFrame("javascript", "new Repository", "/app/node_modules/@acme/git-client/lib/repo.js",
                            40, "@acme/git-client", true));
            assertThat(traces.get(1).frames()).containsExactly(
                    new StackFrame("javascript", "syncRepository", "file:///app/src/jobs/sync.mjs", 27, null, false),
                    new StackFrame("javascript", "Promise.all", null, 0, null, true),
                    new StackFrame("javascript", "runJobs", "file:///app/src/jobs/runner.mjs", 14, null, false));
            assertThat(traces.get(1).revisions()).isEmpty(); // Node's own version is no revision of the code
        }

        @Test
        void nodeErrorWithCodeAnonymousFramesAndProperties() {
            String text = """
                    node:internal/process/promises:289
                                triggerUncaughtException(err, true /* fromPromise */);
                                ^

                    Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client
                        at ServerResponse.setHeader (node:_http_outgoing:659:11)
                        at /app/src/routes/orders.js:33:9
                        at Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:95:5)
                        at Array.forEach (<anonymous>) {
                      code: 'ERR_HTTP_HEADERS_SENT'
                    }
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.exception()).isEqualTo("Error");
            assertThat(trace.message()).isEqualTo("Cannot set headers after they are sent to the client");
            assertThat(trace.frames()).containsExactly(
                    new StackFrame("javascript", "ServerResponse.setHeader", "node:_http_outgoing", 659, null, true),
                    new StackFrame("javascript", null, "/app/src/routes/orders.js", 33, null, false),
                    new StackFrame("javascript", "Layer.handle [as handle_request]",
                            "/app/node_modules/express/lib/router/layer.js", 95, "express", true),
                    new StackFrame("javascript", "Array.forEach", null, 0, null, true));
        }

        @Test
        void browserTracesFromChromeFirefoxAndSafari() {
            String chrome = """
                    Uncaught TypeError: Cannot read properties of null (reading 'id')
                        at renderProfile (https://app.example.com/static/js/main.4f2a9c1e.js:2:48213)
                        at ProfilePage (webpack:///./src/pages/ProfilePage.jsx?a1b2:41:8)
                    """;
            StackTrace chromeTrace = parser.parse(chrome).get(0);
            assertThat(chromeTrace.exception()).isEqualTo("TypeError");
            assertThat(chromeTrace.frames()).extracting(StackFrame::file, StackFrame::line).containsExactly(
                    tuple("https://app.example.com/static/js/main.4f2a9c1e.js", 2),
                    tuple("webpack:///./src/pages/ProfilePage.jsx?a1b2", 41));
            assertThat(chromeTrace.revisions()).isEmpty();

            String firefox = """
                    TypeError: can't access property "id", user is undefined
                    renderProfile@https://app.example.com/static/js/main.js:2:48213
                    ProfilePage/<@https://app.example.com/static/js/main.js:2:51102
                    promise callback*loadProfile@webpack:///./src/pages/ProfilePage.jsx:41:8
                    @https://app.example.com/static/js/main.js:2:1024
                    forEach@[native code]
                    """;
            StackTrace firefoxTrace = parser.parse(firefox).get(0);
            assertThat(firefoxTrace.exception()).isEqualTo("TypeError");
            assertThat(firefoxTrace.frames()).containsExactly(
                    new StackFrame("javascript", "renderProfile", "https://app.example.com/static/js/main.js", 2,
                            null, false),
                    new StackFrame("javascript", "ProfilePage/<", "https://app.example.com/static/js/main.js", 2,
                            null, false),
                    new StackFrame("javascript", "promise callback*loadProfile",
                            "webpack:///./src/pages/ProfilePage.jsx", 41, null, false),
                    new StackFrame("javascript", null, "https://app.example.com/static/js/main.js", 2, null, false),
                    new StackFrame("javascript", "forEach", null, 0, null, true));
        }
    }

    @Nested
    class Go {

        @Test
        void panicWithSeveralGoroutines() {
            String text = """
                    2024/03/05 10:15:30 listening on :8080
                    panic: runtime error: invalid memory address or nil pointer dereference [recovered]
                    \tpanic: runtime error: invalid memory address or nil pointer dereference
                    [signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6c1a2f]

                    goroutine 34 [running]:
                    net/http.(*conn).serve.func1()
                    \t/usr/local/go/src/net/http/server.go:1898 +0xbe
                    panic({0x72d3a0?, 0xa6e2b0?})
                    \t/usr/local/go/src/runtime/panic.go:770 +0x132
                    github.com/acme/orders/internal/store.(*OrderStore).Find(0x0, {0x8a1f40, 0xc0001a4000}, 0x11)
                    \t/home/dev/src/orders/internal/store/orders.go:42 +0x2f
                    github.com/acme/orders/internal/api.(*Handler).getOrder(0xc000118240, {0x8a0e18, 0xc0002260e0}, 0xc0001fc000)
                    \t/home/dev/src/orders/internal/api/handler.go:87 +0x1c5
                    net/http.HandlerFunc.ServeHTTP(0xc0001fc000?, {0x8a0e18?, 0xc0002260e0?}, 0x0?)
                    \t/usr/local/go/src/net/http/server.go:2166 +0x29
                    gopkg.in/yaml%2ev3.(*decoder).unmarshal(0xc0000a6000, 0xc0000b2000, {0x6f1e20?, 0xc0000a4060?})
                    \t/root/go/pkg/mod/gopkg.in/yaml.v3@v3.0.1/decode.go:493 +0x2fc
                    created by net/http.(*Server).Serve in goroutine 1
                    \t/usr/local/go/src/net/http/server.go:3285 +0x4b4

                    goroutine 1 [IO wait]:
                    internal/poll.runtime_pollWait(0x7f3a5c1e6e28, 0x72)
                    \t/usr/local/go/src/runtime/netpoll.go:345 +0x85
                    main.main()
                    \t/home/dev/src/orders/cmd/orders/main.go:31 +0x2d6

                    goroutine 7 [select, 2 minutes]:
                    github.com/acme/orders/internal/jobs.(*Scheduler).run(0xc00009e0a0)
                    \t/home/dev/src/orders/internal/jobs/scheduler.go:58 +0x125
                    created by github.com/acme/orders/internal/jobs.Start in goroutine 1
                    \t/home/dev/src/orders/internal/jobs/scheduler.go:31 +0x9b
                    exit status 2
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).hasSize(3);
            assertThat(traces).extracting(StackTrace::language).containsOnly("go");
            assertThat(traces.get(0).exception()).isEqualTo("panic");
            assertThat(traces.get(0).message())
                    .isEqualTo("runtime error: invalid memory address or nil pointer dereference");
            assertThat(traces.get(0).frames()).containsExactly(
                    new StackFrame("go", "net/http.(*conn).serve.func1", "/usr/local/go/src/net/http/server.go", 1898,
                            "net/http", true),
                    new StackFrame("go", "panic", "/usr/local/go/src/runtime/panic.go", 770, null, true),
                    new StackFrame("go", "github.com/acme/orders/internal/store.(*OrderStore).Find",
                            "/home/dev/src/orders/internal/store/orders.go", 42,
                            "github.com/acme/orders/internal/store", false),
                    new StackFrame("go", "github.com/acme/orders/internal/api.(*Handler).getOrder",
                            "/home/dev/src/orders/internal/api/handler.go", 87, "github.com/acme/orders/internal/api",
                            false),
                    new StackFrame("go", "net/http.HandlerFunc.ServeHTTP", "/usr/local/go/src/net/http/server.go",
                            2166, "net/http", true),
                    new StackFrame("go", "gopkg.in/yaml%2ev3.(*decoder).unmarshal",
                            "/root/go/pkg/mod/gopkg.in/yaml.v3@v3.0.1/decode.go", 493, "gopkg.in/yaml.v3", true),
                    new StackFrame("go", "net/http.(*Server).Serve", "/usr/local/go/src/net/http/server.go", 3285,
                            "net/http", true));
            assertThat(traces.get(1).exception()).isNull();
            assertThat(traces.get(1).message()).isEqualTo("goroutine 1 [IO wait]");
            assertThat(traces.get(1).frames()).extracting(StackFrame::module, StackFrame::library).containsExactly(
                    tuple("internal/poll", true),
                    tuple("main", false));
            assertThat(traces.get(2).message()).isEqualTo("goroutine 7 [select, 2 minutes]");
            assertThat(traces.get(2).frames()).extracting(StackFrame::function, StackFrame::line).containsExactly(
                    tuple("github.com/acme/orders/internal/jobs.(*Scheduler).run", 58),
                    tuple("github.com/acme/orders/internal/jobs.Start", 31));
        }

        @Test
        void composePrefixedPanic() {
            String text = """
                    worker-1  | panic: queue "billing" is closed
                    worker-1  |
                    worker-1  | goroutine 1 [running]:
                    worker-1  | main.main()
                    worker-1  | \t/src/cmd/worker/main.go:9 +0x25
                    worker-1 exited with code 2
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.message()).isEqualTo("queue \"billing\" is closed");
            assertThat(trace.frames()).containsExactly(
                    new StackFrame("go", "main.main", "/src/cmd/worker/main.go", 9, "main", false));
        }
    }

    @Nested
    class DotNet {

        @Test
        void aggregateExceptionWithInnerExceptions() {
            String text = """
                    Unhandled exception. System.AggregateException: One or more errors occurred. (Order 17 could not be priced) (Order 18 could not be priced)
                     ---> System.InvalidOperationException: Order 17 could not be priced
                     ---> System.Collections.Generic.KeyNotFoundException: The given key 'EUR-CHF' was not present in the dictionary.
                       at System.Collections.Generic.Dictionary`2.get_Item(TKey key)
                       at Acme.Pricing.RateTable.Convert(Decimal amount, String pair) in /src/Acme.Pricing/RateTable.cs:line 27
                       at Acme.Pricing.PriceCalculator.Price(Order order) in /src/Acme.Pricing/PriceCalculator.cs:line 41
                       --- End of inner exception stack trace ---
                       at Acme.Pricing.PriceCalculator.Price(Order order) in /src/Acme.Pricing/PriceCalculator.cs:line 45
                       at Acme.Pricing.BatchPricer.<>c__DisplayClass3_0.<PriceAll>b__0(Order o) in /src/Acme.Pricing/BatchPricer.cs:line 19
                       at System.Threading.Tasks.Task.InnerInvoke()
                       at System.Threading.ExecutionContext.RunFromThreadPoolThread(Thread threadPoolThread, ExecutionContext executionContext, ContextCallback callback, Object state)
                       --- End of inner exception stack trace ---
                       at System.Threading.Tasks.Task.WaitAllCore(ReadOnlySpan`1 tasks, Int32 millisecondsTimeout, CancellationToken cancellationToken)
                       at System.Threading.Tasks.Task.WaitAll(Task[] tasks)
                       at Acme.Pricing.BatchPricer.PriceAll(IReadOnlyList`1 orders) in /src/Acme.Pricing/BatchPricer.cs:line 22
                       at Acme.Pricing.Program.<Main>$(String[] args) in /src/Acme.Pricing/Program.cs:line 9
                     ---> (Inner Exception #1) System.InvalidOperationException: Order 18 could not be priced
                     ---> System.Collections.Generic.KeyNotFoundException: The given key 'EUR-JPY' was not present in the dictionary.
                       at System.Collections.Generic.Dictionary`2.get_Item(TKey key)
                       at Acme.Pricing.RateTable.Convert(Decimal amount, String pair) in /src/Acme.Pricing/RateTable.cs:line 27
                       --- End of inner exception stack trace ---
                       at Acme.Pricing.PriceCalculator.Price(Order order) in /src/Acme.Pricing/PriceCalculator.cs:line 45
                       at System.Threading.Tasks.Task.InnerInvoke()<---

                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).extracting(StackTrace::exception, StackTrace::message).containsExactly(
                    tuple("System.Collections.Generic.KeyNotFoundException",
                            "The given key 'EUR-CHF' was not present in the dictionary."),
                    tuple("System.InvalidOperationException",
                            "Order 17 could not be priced"),
                    tuple("System.AggregateException",
                            "One or more errors occurred. (Order 17 could not be priced) (Order 18 could not be priced)"),
                    tuple("System.Collections.Generic.KeyNotFoundException",
                            "The given key 'EUR-JPY' was not present in the dictionary."),
                    tuple("System.InvalidOperationException",
                            "Order 18 could not be priced"));
            assertThat(traces).extracting(trace -> trace.frames().size()).containsExactly(3, 4, 4, 2, 2);
            assertThat(traces.get(0).frames()).containsExactly(
                    new StackFrame("dotnet", "System.Collections.Generic.Dictionary`2.get_Item", null, 0,
                            "System.Collections.Generic.Dictionary", true),
                    new StackFrame("dotnet", "Acme.Pricing.RateTable.Convert", "/src/Acme.Pricing/RateTable.cs", 27,
                            "Acme.Pricing.RateTable", false),
                    new StackFrame("dotnet", "Acme.Pricing.PriceCalculator.Price",
                            "/src/Acme.Pricing/PriceCalculator.cs", 41, "Acme.Pricing.PriceCalculator", false));
            assertThat(traces.get(1).frames().get(1)).isEqualTo(new StackFrame("dotnet",
                    "Acme.Pricing.BatchPricer.<>c__DisplayClass3_0.<PriceAll>b__0",
                    "/src/Acme.Pricing/BatchPricer.cs", 19, "Acme.Pricing.BatchPricer", false));
            assertThat(traces.get(2).frames().get(3)).isEqualTo(new StackFrame("dotnet",
                    "Acme.Pricing.Program.<Main>$", "/src/Acme.Pricing/Program.cs", 9, "Acme.Pricing.Program",
                    false));
            assertThat(traces.get(4).frames().get(1).function()).isEqualTo("System.Threading.Tasks.Task.InnerInvoke");
        }

        @Test
        void frameworkStyleWithWindowsPathsAsyncBoundariesAndCrlf() {
            String text = "System.Data.SqlClient.SqlException (0x80131904): Invalid object name 'Orders'.\r\n"
                    + "   at System.Data.SqlClient.SqlConnection.OnError(SqlException exception, Boolean breakConnection)\r\n"
                    + "--- End of stack trace from previous location where exception was thrown ---\r\n"
                    + "   at Acme.Web.Data.OrderStore.<FindAsync>d__4.MoveNext() in C:\\build\\src\\Acme.Web\\Data\\OrderStore.cs:line 58\r\n"
                    + "   at Acme.Web.Controllers.OrdersController+Paging.Next(Int32 page) in C:\\build\\src\\Acme.Web\\Controllers\\OrdersController.cs:line 120\r\n";

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.exception()).isEqualTo("System.Data.SqlClient.SqlException");
            assertThat(trace.frames()).extracting(StackFrame::module, StackFrame::line, StackFrame::library)
                    .containsExactly(
                            tuple("System.Data.SqlClient.SqlConnection", 0, true),
                            tuple("Acme.Web.Data.OrderStore", 58, false),
                            tuple("Acme.Web.Controllers.OrdersController", 120, false));
            assertThat(trace.frames().get(1).file()).isEqualTo("C:\\build\\src\\Acme.Web\\Data\\OrderStore.cs");
        }
    }

    @Nested
    class CommitsAndVersions {

        @Test
        void commitsFirstThenVersionsNeverARuntimesVersion() {
            String text = """
                    Deploying orders-service@2.4.0 (commit 4f2a9c1d) on node 3, Java version 17.0.10
                    GIT_COMMIT=8c1e5a0f9b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f app.version=2.4.0-rc.1
                    java.lang.IllegalStateException: boom
                    \tat com.acme.orders.Boot.start(Boot.java:12) ~[orders-service-2.4.0.jar:2.4.0]
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.revisions()).containsExactly("8c1e5a0f9b2d4c6e8a0b1c2d3e4f5a6b7c8d9e0f", "4f2a9c1d",
                    "2.4.0", "2.4.0-rc.1");
        }

        @Test
        void wordsAndBuildNumbersAreNoCommits() {
            String text = """
                    build 20240305 defaced by revision deadbeef
                    java.lang.IllegalStateException: boom
                    \tat com.acme.orders.Boot.start(Boot.java:12)
                    """;

            assertThat(parser.parse(text).get(0).revisions()).isEmpty();
        }
    }

    @Nested
    class MoreFormats {

        @Test
        void dotnetFrameworkInlineInnerException() {
            String text = """
                    System.InvalidOperationException: Checkout failed ---> System.Net.WebException: The remote server returned an error: (500) Internal Server Error.
                       at System.Net.HttpWebRequest.GetResponse()
                       at Acme.Shop.PaymentClient.Charge(Decimal amount) in c:\\Projects\\Shop\\PaymentClient.cs:line 88
                       --- End of inner exception stack trace ---
                       at Acme.Shop.Checkout.Complete() in c:\\Projects\\Shop\\Checkout.cs:line 40
                    """;

            List<StackTrace> traces = parser.parse(text);

            assertThat(traces).extracting(StackTrace::exception)
                    .containsExactly("System.Net.WebException", "System.InvalidOperationException");
            assertThat(traces.get(0).message())
                    .isEqualTo("The remote server returned an error: (500) Internal Server Error.");
            assertThat(traces.get(0).frames().get(1)).isEqualTo(new StackFrame("dotnet",
                    "Acme.Shop.PaymentClient.Charge", "c:\\Projects\\Shop\\PaymentClient.cs", 88,
                    "Acme.Shop.PaymentClient", false));
            assertThat(traces.get(1).frames()).extracting(StackFrame::line).containsExactly(40);
        }

        @Test
        void exceptionAfterAnUnknownLogPrefix() {
            String text = """
                    10:15:30.123 [main] ERROR com.acme.App - Startup failed com.acme.config.ConfigException: missing key db.url
                    \tat com.acme.config.Config.require(Config.java:40)
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.exception()).isEqualTo("com.acme.config.ConfigException");
            assertThat(trace.message()).isEqualTo("missing key db.url");
        }

        @Test
        void oldNodeInternalsAndWindowsPaths() {
            String text = """
                    ReferenceError: config is not defined
                        at Module._compile (internal/modules/cjs/loader.js:1063:30)
                        at Object.<anonymous> (C:\\app\\index.js:3:9)
                    """;

            assertThat(parser.parse(text).get(0).frames()).containsExactly(
                    new StackFrame("javascript", "Module._compile", "internal/modules/cjs/loader.js", 1063, null,
                            true),
                    new StackFrame("javascript", "Object.<anonymous>", "C:\\app\\index.js", 3, null, false));
        }

        @Test
        void pythonWithALoggingPrefixOnEveryLine() {
            String text = """
                    2024-03-05 10:15:30,123 ERROR [worker] Traceback (most recent call last):
                    2024-03-05 10:15:30,123 ERROR [worker]   File "/app/worker.py", line 3, in run
                    2024-03-05 10:15:30,123 ERROR [worker]     handle(job)
                    2024-03-05 10:15:30,123 ERROR [worker] KeyError: 'tenant'
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.exception()).isEqualTo("KeyError");
            assertThat(trace.message()).isEqualTo("'tenant'");
            assertThat(trace.frames()).containsExactly(
                    new StackFrame("python", "run", "/app/worker.py", 3, "/app/worker.py", false));
        }

        @Test
        void goPanicAfterGlogLinesOnWindows() {
            String text = """
                    E0305 10:15:30.123456   12345 main.go:42] config missing
                    panic: boom

                    goroutine 1 [running]:
                    main.main()
                    \tC:/Users/dev/proj/main.go:9 +0x25
                    """;

            StackTrace trace = parser.parse(text).get(0);

            assertThat(trace.message()).isEqualTo("boom");
            assertThat(trace.frames()).containsExactly(
                    new StackFrame("go", "main.main", "C:/Users/dev/proj/main.go", 9, "main", false));
        }
    }

    @Nested
    class Garbage {

        @Test
        void textWithoutTracesHasNone() {
            assertThat(parser.parse("")).isEmpty();
            assertThat(parser.parse(null)).isEmpty();
            assertThat(parser.parse("""
                    We met at noon at the station. Look at foo.bar(baz) and at it (twice).
                    Error: something odd happened
                    at the end of the day we went home
                    Traceback: none, this is prose
                    goroutine leaks are bad
                    user@example.com wrote: see https://example.com:8080/x
                    [UnhandledPromiseRejection: This error originated either by throwing inside of an async function without a catch block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "timeout".] {
                      code: 'ERR_UNHANDLED_REJECTION'
                    }
                    """)).isEmpty();
        }

        @Test
        void randomTextIsHarmless() {
            java.util.Random random = new java.util.Random(42);
            String alphabet = "abcdefATat (){}[]:.,/\\\"'@$<>-_+*#0123456789 \t\n\r\u001B";
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 200_000; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            List<StackTrace> traces = parser.parse(text.toString());
            assertThat(traces).allSatisfy(trace -> assertThat(trace.language()).isNotNull());
        }
    }
}
