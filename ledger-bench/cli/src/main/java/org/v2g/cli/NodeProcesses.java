package org.v2g.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * SCP nodes as child JVMs ({@code v2g node}) on this machine, for {@code cluster-demo --processes}: a
 * kill is a SIGKILL of the process, with no chance to flush or hand over. Each child runs with this
 * JVM's flags and class path; its stdout status lines ({@link NodeStatus}) are read back, its stderr goes
 * to {@code scpN.err} beside its storage.
 *
 * <p>Thread-safety: one thread drives it; the readers only publish statuses.
 */
final class NodeProcesses implements AutoCloseable {
    private final Path dir;
    private final List<List<String>> commands = new ArrayList<>();
    private final Process[] processes;
    private final AtomicReferenceArray<NodeStatus> status;

    /** @param nodeArgs the {@code node} arguments of each SCP, without the command name */
    NodeProcesses(Path dir, List<List<String>> nodeArgs) {
        this.dir = dir;
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-agentlib") && !a.startsWith("-javaagent")).toList();
        for (List<String> args : nodeArgs) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvm);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(Main.class.getName());
            cmd.add("node");
            cmd.addAll(args);
            commands.add(List.copyOf(cmd));
        }
        this.processes = new Process[nodeArgs.size()];
        this.status = new AtomicReferenceArray<>(nodeArgs.size());
    }

    int size() {
        return processes.length;
    }

    /** Starts child {@code i}. */
    void start(int i) {
        if (processes[i] != null && processes[i].isAlive()) {
            throw new IllegalStateException("SCP " + i + " is running");
        }
        status.set(i, null);
        try {
            Process p = new ProcessBuilder(commands.get(i))
                    .redirectError(dir.resolve("scp" + i + ".err").toFile())
                    .start();
            processes[i] = p;
            Thread reader = new Thread(() -> read(i, p), "v2g-demo-read-scp" + i);
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SCP " + i + " as a child JVM", e);
        }
    }

    private void read(int i, Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Optional<NodeStatus> s = NodeStatus.parse(line);
                if (s.isPresent() && processes[i] == p) {
                    status.set(i, s.get());
                }
            }
        } catch (IOException e) {
            // the process died: its status is cleared by kill
        }
    }

    /** The last status child {@code i} printed; empty while it is down or before its first line. */
    Optional<NodeStatus> status(int i) {
        Process p = processes[i];
        return p != null && p.isAlive() ? Optional.ofNullable(status.get(i)) : Optional.empty();
    }

    /** SIGKILL: the node gets no chance to flush or hand over. */
    void kill(int i) {
        Process p = processes[i];
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        status.set(i, null);
    }

    /** Asks every child to stop (SIGTERM: its shutdown hook closes the node), then kills stragglers. */
    @Override
    public void close() {
        for (Process p : processes) {
            if (p != null) {
                p.destroy();
            }
        }
        for (Process p : processes) {
            if (p == null) {
                continue;
            }
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
