package org.solidscope.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A read-only file channel for jHDF that refuses a read running past the end of the file. jHDF
 * retries a short read at the same offset until its buffer is full, so a damaged or crafted HDF5
 * file whose structures point past its end would keep it reading for ever; through this channel it
 * gets an exception and the file is refused.
 */
final class BoundedChannel implements SeekableByteChannel {
    private final FileChannel ch;
    private final long size;
    private final String name;

    BoundedChannel(Path file) throws IOException {
        this.ch = FileChannel.open(file, StandardOpenOption.READ);
        this.size = ch.size();
        this.name = file.toString();
    }

    /**
     * Reads {@code dst.remaining()} bytes, all of them: jHDF asks for whole structures and retries a
     * short read at the same offset without moving on, so a structure running past the end of the
     * file is refused here, at once.
     */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        long at = ch.position();
        if (dst.remaining() > size - at) {
            throw new java.io.EOFException(name + ": a structure of " + dst.remaining() + " bytes at offset " + at
                    + " runs past the end of the file (" + size + " bytes)");
        }
        int n = 0;
        while (dst.hasRemaining()) {
            int r = ch.read(dst);
            if (r < 0) throw new java.io.EOFException(name + ": the file ended while being read");
            n += r;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public long position() throws IOException { return ch.position(); }

    @Override
    public SeekableByteChannel position(long p) throws IOException {
        ch.position(p);
        return this;
    }

    @Override
    public long size() { return size; }

    @Override
    public SeekableByteChannel truncate(long s) {
        throw new java.nio.channels.NonWritableChannelException();
    }

    @Override
    public boolean isOpen() { return ch.isOpen(); }

    @Override
    public void close() throws IOException { ch.close(); }
}
