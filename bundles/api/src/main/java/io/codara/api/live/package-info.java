/**
 * Live streams over WebSocket at {@code /api/v3/ws/...}: capability bundles register {@link
 * io.codara.api.live.LiveChannel}s; the web bundle authenticates, upgrades and carries their text messages.
 */
@Export
@Version("1.0.0")
package io.codara.api.live;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
