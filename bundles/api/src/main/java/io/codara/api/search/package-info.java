/**
 * Code search: queries over the code of every repository a principal may read (text, symbols, expertise, natural
 * language), and the administration of the index that answers them.
 */
@Export
@Version("1.2.0")
package io.codara.api.search;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
