package dev.faultline.query.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * Keeps ONNX Runtime's native environment alive until the process ends.
 *
 * <p>{@link OrtEnvironment} registers a JVM shutdown hook that releases the environment. Shutdown
 * hooks run side by side, so on a SIGTERM that hook released it while Quarkus's own hook was still
 * flushing search documents through the model: SIGSEGV in libonnxruntime, the JVM aborted, and the
 * embedded PostgreSQL was left running (the smoke test caught it one start in three). The native
 * environment is counted (each create adds a reference, each release drops one, the last frees it),
 * so one reference more, never released, makes that hook's release harmless; {@link SentenceEncoder}
 * waits for the encodings in flight before the process exits. The create is private in the Java
 * binding, hence the reflection (the library is on the class path, so no module opens are needed).
 */
final class OnnxEnvironmentHold {

    private static final Logger LOG = Logger.getLogger(OnnxEnvironmentHold.class);
    private static boolean held;

    private OnnxEnvironmentHold() {
    }

    static synchronized void hold() {
        if (held) {
            return;
        }
        try {
            OrtEnvironment.getEnvironment(); // loads the native library and creates the environment
            Field api = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("ortApiHandle");
            api.setAccessible(true);
            Method create = OrtEnvironment.class.getDeclaredMethod("createHandle", long.class, int.class, String.class);
            create.setAccessible(true);
            create.invoke(null, api.getLong(null), OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING.getValue(), "faultline");
            held = true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf(e, "ONNX Runtime environment not held: a stop during an encoding may crash the JVM");
        }
    }
}
