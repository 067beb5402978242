package io.codara.git.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.ObjectWalk;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.UnpackErrorHandler;

/**
 * The size limits of a push: the whole pack while it is received ({@link ReceivePack#setMaxPackSizeLimit}), and
 * each file (blob) it brings, checked before any ref moves so that the refusal can name the file.
 */
final class PushLimits implements PreReceiveHook {

    static final long DEFAULT_MAX_PACK_BYTES = 2L * 1024 * 1024 * 1024;
    static final long DEFAULT_MAX_FILE_BYTES = 100L * 1024 * 1024;

    private final long maxPackBytes;
    private final long maxFileBytes;

    PushLimits(long maxPackBytes, long maxFileBytes) {
        if (maxPackBytes <= 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("max.pack.bytes and max.file.bytes must be positive, not "
                    + maxPackBytes + " and " + maxFileBytes);
        }
        this.maxPackBytes = maxPackBytes;
        this.maxFileBytes = maxFileBytes;
    }

    static PushLimits of(GitHttpConfig config) {
        return new PushLimits(config.max_pack_bytes(), config.max_file_bytes());
    }

    long maxPackBytes() {
        return maxPackBytes;
    }

    long maxFileBytes() {
        return maxFileBytes;
    }

    /**
     * Limits the pack {@code receivePack} accepts. JGit reports an oversized pack only as "unpack failed"; a
     * {@code remote:} line says which limit it was.
     */
    void applyTo(ReceivePack receivePack) {
        receivePack.setMaxPackSizeLimit(maxPackBytes);
        UnpackErrorHandler standard = receivePack.getUnpackErrorHandler();
        receivePack.setUnpackErrorHandler(error -> {
            for (Throwable t = error; t != null; t = t.getCause()) {
                if (t instanceof TooLargePackException) {
                    receivePack.sendError("Push refused: it is larger than Codara's push size limit of "
                            + mebibytes(maxPackBytes) + ". Push fewer commits at a time, or use Git LFS for large files.");
                    break;
                }
            }
            standard.handleUnpackException(error);
        });
    }

    @Override
    public void onPreReceive(ReceivePack receivePack, Collection<ReceiveCommand> commands) {
        Optional<String> refusal;
        try {
            refusal = tooLarge(receivePack.getRepository(), commands);
        } catch (IOException e) {
            refusal = Optional.of("could not check file sizes: " + e.getMessage());
        }
        if (refusal.isPresent()) {
            receivePack.sendError(refusal.get());
            for (ReceiveCommand command : commands) {
                if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                    command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "file size limit exceeded");
                }
            }
        }
    }

    /** The message naming the first new file over the limit, if any. */
    Optional<String> tooLarge(Repository repository, Collection<ReceiveCommand> commands) throws IOException {
        try (ObjectWalk walk = new ObjectWalk(repository)) {
            boolean anyNew = false;
            for (ReceiveCommand command : commands) {
                if (command.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED
                        && command.getType() != ReceiveCommand.Type.DELETE) {
                    walk.markStart(walk.parseAny(command.getNewId()));
                    anyNew = true;
                }
            }
            if (!anyNew) {
                return Optional.empty();
            }
            // What the repository already has was accepted before: only the new objects count.
            for (Ref ref : repository.getRefDatabase().getRefs()) {
                ObjectId id = ref.getObjectId();
                if (id != null) {
                    try {
                        walk.markUninteresting(walk.parseAny(id));
                    } catch (MissingObjectException e) {
                        // a broken ref elsewhere says nothing about this push
                    }
                }
            }
            while (walk.next() != null) {
                // commits first; their trees and blobs follow
            }
            for (RevObject object = walk.nextObject(); object != null; object = walk.nextObject()) {
                if (object.getType() == Constants.OBJ_BLOB) {
                    long size = walk.getObjectReader().getObjectSize(object, Constants.OBJ_BLOB);
                    if (size > maxFileBytes) {
                        return Optional.of(String.format(Locale.ROOT,
                                "File %s is %s; this exceeds Codara's file size limit of %s. Use Git LFS for large files.",
                                walk.getPathString(), mebibytes(size), mebibytes(maxFileBytes)));
                    }
                }
            }
            return Optional.empty();
        }
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
    }
}
