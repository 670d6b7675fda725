package dev.agenttracing.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CPU time spent during each measured iteration, reported by JMH beside the wall-clock
 * score: the whole VM's (the benchmark thread, the span export thread, GC and JIT) and
 * the benchmark thread's. On a shared machine whose cores are oversubscribed, wall-clock
 * time per operation includes the time the thread waited for a core; CPU time per
 * operation does not, so it is the steadier measure of what an operation costs. The
 * report divides these counters by {@link #operations}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	/** Operations made in the iteration; the benchmark counts them. */
	public long operations;

	private long processStart;

	private long threadStart;

	private long processCpu;

	private long threadCpu;

	@Setup(Level.Iteration)
	public void start() {
		this.operations = 0;
		this.processStart = OS.getProcessCpuTime();
		this.threadStart = THREADS.getCurrentThreadCpuTime();
	}

	/**
	 * Read at the end of the iteration, before JMH tears the trial down (the counters are
	 * collected after that, and closing an application would be counted).
	 */
	@TearDown(Level.Iteration)
	public void stop() {
		this.processCpu = OS.getProcessCpuTime() - this.processStart;
		this.threadCpu = THREADS.getCurrentThreadCpuTime() - this.threadStart;
	}

	/** CPU time of the whole VM during the iteration, in nanoseconds. */
	public long processCpuNanos() {
		return this.processCpu;
	}

	/** CPU time of the benchmark thread during the iteration, in nanoseconds. */
	public long threadCpuNanos() {
		return this.threadCpu;
	}

}
