/** Code search: Lucene indexes under {@code search/} and the services and resources over them. */
package io.codara.search.internal;
