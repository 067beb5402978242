package io.codara.git.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.util.IO;

/**
 * An inserter that keeps what it is given in memory and never writes to the repository, with a reader that sees
 * those objects over the repository's: a trial merge (which writes merged blobs and trees, and virtual merge bases)
 * leaves no trace on disk. Bounded: a trial that would keep more than {@code maxBytes} fails with an IOException.
 */
final class ScratchInserter extends ObjectInserter {

    private record Stored(int type, byte[] bytes) {
    }

    private final org.eclipse.jgit.lib.Repository repository;
    private final long maxBytes;
    private final Map<ObjectId, Stored> objects = new HashMap<>();
    private long bytes;

    ScratchInserter(org.eclipse.jgit.lib.Repository repository, long maxBytes) {
        this.repository = repository;
        this.maxBytes = maxBytes;
    }

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        if (length < 0 || bytes + length > maxBytes) {
            throw new IOException("trial merge needs more than " + maxBytes + " bytes of new objects");
        }
        byte[] data = new byte[(int) length];
        IO.readFully(in, data, 0, data.length);
        ObjectId id = idFor(type, data);
        if (objects.putIfAbsent(id, new Stored(type, data)) == null) {
            bytes += length;
        }
        return id;
    }

    @Override
    public PackParser newPackParser(InputStream in) {
        throw new UnsupportedOperationException("a scratch inserter takes no packs");
    }

    @Override
    public ObjectReader newReader() {
        ObjectReader base = repository.newObjectReader();
        ScratchInserter inserter = this;
        return new ObjectReader.Filter() {
            @Override
            protected ObjectReader delegate() {
                return base;
            }

            @Override
            public ObjectLoader open(AnyObjectId id, int typeHint) throws IOException {
                Stored stored = objects.get(id);
                if (stored != null) {
                    if (typeHint != OBJ_ANY && typeHint != stored.type()) {
                        throw new MissingObjectException(id.copy(), typeHint);
                    }
                    return new ObjectLoader.SmallObject(stored.type(), stored.bytes());
                }
                return base.open(id, typeHint);
            }

            @Override
            public boolean has(AnyObjectId id) throws IOException {
                return objects.containsKey(id) || base.has(id);
            }

            @Override
            public long getObjectSize(AnyObjectId id, int typeHint) throws IOException {
                Stored stored = objects.get(id);
                return stored != null ? stored.bytes().length : base.getObjectSize(id, typeHint);
            }

            @Override
            public ObjectInserter getCreatedFromInserter() {
                return inserter;
            }
        };
    }

    @Override
    public void flush() {
        // Nothing is ever written.
    }

    @Override
    public void close() {
        objects.clear();
    }
}
