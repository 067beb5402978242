/**
 * Pull requests: proposals to merge a head branch (of the same repository or of a fork) into a base branch, with
 * their commits, changed files and background-computed mergeability.
 */
@Export
@Version("1.2.0")
package io.codara.api.review;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
