/**
 * Who exists: users and organisations (one namespace of accounts), their emails and avatars, organisation
 * memberships and teams with their roles on repositories.
 */
@Export
@Version("1.1.0")
package io.codara.api.identity;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
