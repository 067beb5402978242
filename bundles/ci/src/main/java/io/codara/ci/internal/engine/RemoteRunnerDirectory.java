package io.codara.ci.internal.engine;

import java.util.List;

import io.codara.api.ci.RunnerInfo;

/** The registered remote runners, as {@link EngineWorkflowRuns#runners()} lists them beside this node's. */
public interface RemoteRunnerDirectory {

    List<RunnerInfo> remoteRunners();
}
