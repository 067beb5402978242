package io.codara.api.review;

import java.util.List;
import java.util.Optional;

import io.codara.api.audit.Actor;
import io.codara.api.rest.Page;
import io.codara.api.rest.PageRequest;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Repository labels and the labels of issue numbers (today the pull requests; issues will share the numbers, as on
 * GitHub). Callers authorise first ({@code read} to list, {@code write} to change); invalid input fails with an
 * {@link io.codara.api.rest.ApiException} (422) and changes nothing; an unknown label or number is a 404. Labels
 * added to or removed from a pull request publish {@link io.codara.api.event.Topics#PULL_REQUEST_LABELED} and
 * {@link io.codara.api.event.Topics#PULL_REQUEST_UNLABELED}.
 */
@ProviderType
public interface Labels {

    /** The repository's labels by name. */
    Page<Label> list(long repositoryId, PageRequest page);

    /** The label {@code name} (any case). */
    Optional<Label> find(long repositoryId, String name);

    /** Creates a label; 422 when the name is taken. */
    Label create(long repositoryId, String name, String color, String description);

    /** Renames or changes a label; {@code null} leaves a field as it is. */
    Label update(long repositoryId, String name, String newName, String color, String description);

    /** Deletes a label, removing it from every issue; false when there was none. */
    boolean delete(long repositoryId, String name);

    /** The labels of issue {@code number}, by name. */
    List<Label> ofIssue(long repositoryId, int number);

    /** Adds labels (by name, which must exist) to issue {@code number}; answers its labels. */
    List<Label> add(long repositoryId, int number, List<String> names, Actor actor);

    /** Replaces the labels of issue {@code number}; answers its labels. */
    List<Label> set(long repositoryId, int number, List<String> names, Actor actor);

    /** Removes one label from issue {@code number} (404 when it does not have it); answers its labels. */
    List<Label> remove(long repositoryId, int number, String name, Actor actor);

    /** The accounts assigned to issue {@code number}, in the order they were assigned. */
    List<Long> assignees(long repositoryId, int number);

    /** Assigns accounts (the caller checked they may be assigned); answers the assignees. */
    List<Long> assign(long repositoryId, int number, List<Long> accountIds, Actor actor);

    /** Unassigns accounts; answers the assignees. */
    List<Long> unassign(long repositoryId, int number, List<Long> accountIds, Actor actor);
}
