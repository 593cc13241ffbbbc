package dev.faultline.importer;

import dev.faultline.importer.DocumentReader.Format;
import dev.faultline.importer.DocumentReader.MalformedInput;
import dev.faultline.importer.DocumentReader.Read;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One import request: documents are read from the body as a stream and imported by a few
 * workers at once, each document in its own transaction, so commits overlap instead of queueing.
 * Documents with the same id always go to the same worker, in input order; bounded queues keep
 * memory flat however long the stream. Outcomes come back in input order.
 */
public final class ImportRun {

    static final int WORKERS = 4;
    private static final Read END = new Read(-1, null, null, List.of());

    private ImportRun() {
    }

    public static List<ImportOutcome> run(InputStream body, Format format, DocumentImporter importer, String actor, String via,
                                          String correlationId) throws MalformedInput {
        List<BlockingQueue<Read>> queues = new ArrayList<>();
        ConcurrentLinkedQueue<ImportOutcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "import-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            BlockingQueue<Read> queue = new ArrayBlockingQueue<>(64);
            queues.add(queue);
            workers.add(pool.submit(() -> {
                for (Read read = queue.take(); read != END; read = queue.take()) {
                    outcomes.add(read.document() == null
                            ? ImportOutcome.failed(read.index(), read.id(), read.problems())
                            : importer.importOrReport(read.index(), read.document(), actor, via, correlationId));
                }
                return null;
            }));
        }
        int[] read = {0};
        try {
            DocumentReader.read(body, format, document -> {
                read[0]++;
                put(queues.get(worker(document)), document);
            });
        } catch (MalformedInput e) {
            if (read[0] == 0) {
                throw e; // nothing was read, nothing stored: the body as a whole is refused
            }
            // documents before the malformed part may already be stored: report them, and this part
            outcomes.add(ImportOutcome.failed(read[0], null, List.of(new ImportOutcome.Problem("",
                    "the input after document " + (read[0] - 1) + " could not be read, so nothing after it was "
                            + "imported: " + e.getMessage()))));
        } finally {
            queues.forEach(q -> put(q, END));
            pool.shutdown();
            for (Future<?> worker : workers) {
                try {
                    worker.get();
                } catch (Exception e) {
                    throw new IllegalStateException("import worker failed", e);
                }
            }
        }
        List<ImportOutcome> ordered = new ArrayList<>(outcomes);
        ordered.sort(Comparator.comparingInt(ImportOutcome::index));
        return ordered;
    }

    private static int worker(Read read) {
        return read.id() == null ? read.index() % WORKERS : Math.floorMod(read.id().hashCode(), WORKERS);
    }

    private static void put(BlockingQueue<Read> queue, Read read) {
        try {
            queue.put(read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted", e);
        }
    }
}
