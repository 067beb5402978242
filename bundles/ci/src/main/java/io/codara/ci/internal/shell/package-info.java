/** The built-in shell runner: CI jobs as local processes, optionally in a bubblewrap sandbox. */
package io.codara.ci.internal.shell;
