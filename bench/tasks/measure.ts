/**
 * Shared by every benchmark task: run `work`, then print one JSON line with the wall time of the
 * work alone (seconds) and the process's peak resident memory (MiB, from the kernel's own
 * accounting via process.resourceUsage().maxRSS), plus anything the task reports.
 */
export async function measure(name: string, work: () => Promise<Record<string, unknown>>): Promise<void> {
  const started = performance.now();
  const extra = await work();
  const seconds = (performance.now() - started) / 1000;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ task: name, seconds, peakRssMiB, ...extra })}\n`);
}
